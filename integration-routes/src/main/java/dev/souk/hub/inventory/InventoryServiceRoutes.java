package dev.souk.hub.inventory;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import dev.souk.hub.downstream.DownstreamCalls;
import dev.souk.hub.product.ProductServiceRoutes;

/**
 * Reads stock levels from inventory-service, guarded by the {@code inventory-service-breaker}
 * circuit breaker. Availability is an extra on a catalog read, so when inventory-service is
 * down, slow or the circuit is open the fallback answers "unknown" (a null body) instead of
 * failing the whole read.
 */
@Component
public class InventoryServiceRoutes extends RouteBuilder {

    /**
     * In: exchange property {@link ProductServiceRoutes#PRODUCT_ID}. Out: the JSON array of stock
     * levels of the product's variants, or a null body when availability is unknown.
     */
    public static final String GET_STOCK = "direct:inventory-service-get-stock";

    @Override
    public void configure() {
        String service = getContext().resolvePropertyPlaceholders("{{souk.hub.inventory-service.id}}");

        CircuitBreakerDefinition breaker = from(GET_STOCK).routeId("inventory-service-get-stock")
                // failures travel back to the calling HTTP route, which answers them as problem+json
                .errorHandler(noErrorHandler())
                .description("GET /api/inventory/stock?productId= on inventory-service")
                .removeHeaders("*")
                .setProperty(DownstreamCalls.SERVICE, constant(service))
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader("Accept", constant("application/json"))
                .circuitBreaker().id("inventory-service-breaker");
        DownstreamCalls.configureBreaker(breaker.resilience4jConfiguration(), "souk.hub.inventory-service");
        breaker.toD("${bean:serviceUrls?method=baseUrl('" + service + "')}"
                + "{{souk.hub.inventory-service.stock-path}}"
                + "?productId=${exchangeProperty." + ProductServiceRoutes.PRODUCT_ID + "}"
                + "&throwExceptionOnFailure=false"
                + "&connectTimeout={{souk.hub.inventory-service.connect-timeout-ms}}"
                + "&responseTimeout={{souk.hub.inventory-service.response-timeout-ms}}");
        breaker.bean(DownstreamCalls.class, "requireSuccess");
        breaker.unmarshal().json(JsonLibrary.Jackson, JsonNode.class);
        breaker.onFallback()
                .log(LoggingLevel.WARN, service + " unavailable, availability of product ${exchangeProperty."
                        + ProductServiceRoutes.PRODUCT_ID + "} unknown: ${exchangeProperty.CamelExceptionCaught}")
                .setBody(simple("${null}"))
                .end()
                .removeHeaders("*");
    }
}
