package dev.souk.hub.api;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.springframework.stereotype.Component;

/**
 * The REST DSL of the hub's public APIs ({@code /api/orders}, {@code /api/cart}, {@code /api/catalog},
 * {@code /api/hub}) on Camel's platform-http, so they are served by the same server and security filters as
 * everything else. Each verb hands over to a {@code direct:} route that the REST DSL inlines: the route a verb runs is
 * the one Hawtio shows under the route id given there, with the shared {@code ProblemResponses} configuration.
 *
 * <p>Bodies are bound by the routes themselves ({@code unmarshal} to the request record, then
 * {@link RequestValidation}), so that a malformed body is answered as problem+json like every other failure.
 */
@Component
public class HubRestConfiguration extends RouteBuilder {

    /** The security scheme every operation names in the generated OpenAPI documents. */
    public static final String BEARER = "bearer";

    @Override
    public void configure() {
        restConfiguration()
                .component("platform-http")
                .bindingMode(RestBindingMode.off)
                .inlineRoutes(true)
                .apiVendorExtension(false);
    }
}
