package dev.souk.hub.feeds;

import static dev.souk.hub.downstream.ServiceCallRoutes.INVENTORY_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.PRODUCT_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

import dev.souk.hub.downstream.ServiceCallRoutes;

/**
 * Content enrichers the feeds share: an event says that something changed, the service that owns it says what it is
 * now. Reading the current state (not replaying the event's own) makes a late, repeated or replayed event harmless.
 */
@Component
public class FeedFactRoutes extends RouteBuilder {

    /** In: an event envelope naming a product. Out: the catalog change as JSON text. */
    public static final String CATALOG_STATE = "direct:feed-catalog-state";
    /** In: the envelope in variable {@code envelope}, the product in variable {@code productId}. Out: the stock change as JSON text. */
    public static final String STOCK_STATE = "direct:feed-stock-state";

    @Override
    public void configure() {
        from(CATALOG_STATE).routeId("feed-catalog-state")
                .description("The product an event names, as product-service has it now (null when it left the catalog)")
                .errorHandler(noErrorHandler())
                .setVariable("envelope", body())
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, simple("/api/products/${bean:" + FeedMessages.class.getName() + "?method=productOf}"))
                .setBody(constant(null))
                .to(callOf(PRODUCT_SERVICE))
                .setBody(method(FeedMessages.class, "catalogChange"))
                .marshal().json(JsonLibrary.Jackson)
                .convertBodyTo(String.class);

        from(STOCK_STATE).routeId("feed-stock-state")
                .description("Whether a product can be bought now, from inventory-service's stock of its variants")
                .errorHandler(noErrorHandler())
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/inventory/stock"))
                .setHeader(ServiceCallRoutes.QUERY, simple("productId=${variable.productId}"))
                .setBody(constant(null))
                .to(callOf(INVENTORY_SERVICE))
                .setBody(method(FeedMessages.class, "stockChange"))
                .marshal().json(JsonLibrary.Jackson)
                .convertBodyTo(String.class);
    }
}
