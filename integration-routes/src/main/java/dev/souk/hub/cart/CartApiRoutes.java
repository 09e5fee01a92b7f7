package dev.souk.hub.cart;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import dev.souk.hub.errors.ProblemResponses;

/**
 * The public cart API (the gateway sends {@code /api/cart/**} here): adding and changing items is validated
 * against catalog and stock ({@link CartCommands}); the rest is cart-service's.
 */
@Component
public class CartApiRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/api/cart/items?httpMethodRestrict=POST").routeId("cart-api-add-item")
                .routeConfigurationId(ProblemResponses.ID)
                .description("POST /api/cart/items: product exists and is for sale, stock suffices, then cart-service")
                .bean("cartCommands", "addItem");
        from("platform-http:/api/cart/items/{itemId}?httpMethodRestrict=PUT,DELETE").routeId("cart-api-item")
                .routeConfigurationId(ProblemResponses.ID)
                .description("PUT /api/cart/items/{itemId} (stock checked) and DELETE")
                .choice()
                    .when(header(Exchange.HTTP_METHOD).isEqualTo("PUT")).bean("cartCommands", "changeItem")
                    .otherwise()
                        .setHeader(CartCommands.SUB_PATH, simple("/items/${header.itemId}"))
                        .bean("cartCommands", "passThrough")
                .end();
        from("platform-http:/api/cart?httpMethodRestrict=GET,POST,DELETE").routeId("cart-api-cart")
                .routeConfigurationId(ProblemResponses.ID)
                .description("GET /api/cart (lines marked with price and stock changes), POST /api/cart (anonymous cart), DELETE /api/cart")
                .choice()
                    .when(header(Exchange.HTTP_METHOD).isEqualTo("GET")).bean("cartCommands", "readCart")
                    .otherwise().bean("cartCommands", "passThrough")
                .end();
        from("platform-http:/api/cart/checkout?httpMethodRestrict=POST").routeId("cart-api-checkout")
                .routeConfigurationId(ProblemResponses.ID)
                .description("POST /api/cart/checkout: the cart becomes an order through the order process")
                .bean("cartCommands", "checkout");
        from("platform-http:/api/cart/merge?httpMethodRestrict=POST").routeId("cart-api-merge")
                .routeConfigurationId(ProblemResponses.ID)
                .description("POST /api/cart/merge: an anonymous cart joins the signed-in user's")
                .setHeader(CartCommands.SUB_PATH, constant("/merge"))
                .bean("cartCommands", "passThrough");
    }
}
