package dev.souk.hub.product;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import dev.souk.hub.downstream.DownstreamCalls;

/**
 * Reads from product-service, guarded by the {@code product-service-breaker} circuit breaker.
 * Without the product there is nothing to answer, so there is no fallback: an unavailable
 * product-service becomes a 503 for the caller.
 */
@Component
public class ProductServiceRoutes extends RouteBuilder {

    /** In: exchange property {@link #PRODUCT_ID}. Out: the product as a Jackson tree. */
    public static final String GET_PRODUCT = "direct:product-service-get-product";
    public static final String PRODUCT_ID = "soukProductId";

    @Override
    public void configure() {
        String service = getContext().resolvePropertyPlaceholders("{{souk.hub.product-service.id}}");

        CircuitBreakerDefinition breaker = from(GET_PRODUCT).routeId("product-service-get-product")
                // failures travel back to the calling HTTP route, which answers them as problem+json
                .errorHandler(noErrorHandler())
                .description("GET /api/products/{id} on product-service")
                .removeHeaders("*")
                .setProperty(DownstreamCalls.SERVICE, constant(service))
                .setProperty(DownstreamCalls.RESOURCE, simple("product ${exchangeProperty." + PRODUCT_ID + "}"))
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader("Accept", constant("application/json"))
                .circuitBreaker().id("product-service-breaker");
        DownstreamCalls.configureBreaker(breaker.resilience4jConfiguration(), "souk.hub.product-service");
        breaker
                .toD("${bean:serviceUrls?method=baseUrl('" + service + "')}"
                        + "{{souk.hub.product-service.products-path}}/${exchangeProperty." + PRODUCT_ID + "}"
                        + "?throwExceptionOnFailure=false"
                        + "&connectTimeout={{souk.hub.product-service.connect-timeout-ms}}"
                        + "&responseTimeout={{souk.hub.product-service.response-timeout-ms}}")
                .bean(DownstreamCalls.class, "requireHealthy")
                .onFallback()
                    .bean(DownstreamCalls.class, "failUnavailable")
                .end()
                .bean(DownstreamCalls.class, "requireFound")
                .unmarshal().json(JsonLibrary.Jackson, JsonNode.class)
                .removeHeaders("*");
    }
}
