package dev.souk.hub.cart;

import static dev.souk.hub.downstream.DownstreamAnswers.answered;
import static dev.souk.hub.downstream.ServiceCallRoutes.CART_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.INVENTORY_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.PRODUCT_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import dev.souk.contracts.api.AddCartItem;
import dev.souk.contracts.api.CartView;
import dev.souk.contracts.api.ChangeCartItem;
import dev.souk.contracts.api.Checkout;
import dev.souk.contracts.api.OrderAccepted;
import dev.souk.contracts.api.OrderView;
import dev.souk.hub.api.HubRestConfiguration;
import dev.souk.hub.api.RequestValidation;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.downstream.ServiceCallRoutes;
import dev.souk.hub.errors.ProblemException;
import dev.souk.hub.errors.ProblemResponses;
import dev.souk.hub.errors.ResourceNotFoundException;
import dev.souk.hub.security.HubCaller;

/**
 * The public cart API (the gateway sends {@code /api/cart/**} here). Adding or changing an item is checked against
 * the catalog (product-service: the product exists, is for sale, has the variant; the price is the catalog's) and
 * stock (inventory-service) before cart-service is asked, all through their circuit breakers, so a service that is
 * down or slow answers a fast 503 with Retry-After. The cart itself is cart-service's: the verified caller's, or the
 * guest cart of {@code X-Cart-Id}. Checkout places the cart's order through the same order process as
 * {@code POST /api/orders}.
 */
@Component
public class CartRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/api/cart").tag("Cart").security(HubRestConfiguration.BEARER).produces("application/json")
                .get().id("readCart").outType(CartView.class).description("The cart, each line marked with price and stock changes")
                    .responseMessage().code(200).message("The cart").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED: neither a signed-in user nor X-Cart-Id").endResponseMessage()
                    .responseMessage().code(404).message("CART_NOT_FOUND").endResponseMessage()
                    .to("direct:cart-api-read")
                .post().id("startCart").description("Start an anonymous cart; send its id as X-Cart-Id")
                    .responseMessage().code(201).message("A new empty cart").endResponseMessage()
                    .to("direct:cart-api-start")
                .delete().id("emptyCart").description("Empty the cart")
                    .responseMessage().code(204).message("Emptied").endResponseMessage()
                    .to("direct:cart-api-empty")
                .post("/items").id("addCartItem").type(AddCartItem.class).consumes("application/json")
                    .description("Add an item, checked against the catalog and stock")
                    .responseMessage().code(201).message("The line").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED or MALFORMED_JSON").endResponseMessage()
                    .responseMessage().code(404).message("NOT_FOUND (product) or VARIANT_NOT_FOUND").endResponseMessage()
                    .responseMessage().code(409).message("OUT_OF_STOCK, with available").endResponseMessage()
                    .responseMessage().code(422).message("PRODUCT_UNAVAILABLE or CART_LIMIT_EXCEEDED").endResponseMessage()
                    .responseMessage().code(503).message("SERVICE_UNAVAILABLE with Retry-After").endResponseMessage()
                    .to("direct:cart-api-add-item")
                .put("/items/{itemId}").id("changeCartItem").type(ChangeCartItem.class).consumes("application/json")
                    .description("Change a line's quantity (checked against stock)")
                    .param().name("itemId").type(RestParamType.path).endParam()
                    .responseMessage().code(200).message("The line").endResponseMessage()
                    .responseMessage().code(404).message("CART_ITEM_NOT_FOUND").endResponseMessage()
                    .responseMessage().code(409).message("OUT_OF_STOCK").endResponseMessage()
                    .responseMessage().code(503).message("SERVICE_UNAVAILABLE").endResponseMessage()
                    .to("direct:cart-api-change-item")
                .delete("/items/{itemId}").id("removeCartItem").description("Remove a line")
                    .param().name("itemId").type(RestParamType.path).endParam()
                    .responseMessage().code(204).message("Removed").endResponseMessage()
                    .responseMessage().code(404).message("CART_ITEM_NOT_FOUND").endResponseMessage()
                    .to("direct:cart-api-remove-item")
                .post("/merge").id("mergeCarts").description("Merge an anonymous cart (anonymousCartId) into the signed-in user's")
                    .responseMessage().code(200).message("The merged cart and what did not fit").endResponseMessage()
                    .responseMessage().code(401).message("UNAUTHENTICATED: no access token, or an invalid or expired one").endResponseMessage()
                    .to("direct:cart-api-merge")
                .post("/checkout").id("checkout").type(Checkout.class).outType(OrderView.class).consumes("application/json")
                    .description("Place an order from the cart, through the same order process as POST /api/orders. "
                            + "The cart is handed over atomically and emptied once the order exists; it is given back "
                            + "if the order is refused. A double click places one order.")
                    .responseMessage().code(201).message("The order, PENDING (see /api/orders)").endResponseMessage()
                    .responseMessage().code(202).message("The order is still being placed").responseModel(OrderAccepted.class).endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .responseMessage().code(401).message("UNAUTHENTICATED: no access token, or an invalid or expired one").endResponseMessage()
                    .responseMessage().code(409).message("CART_EMPTY, CART_CHECKED_OUT, OUT_OF_STOCK or TOO_MANY_OPEN_ORDERS").endResponseMessage()
                    .responseMessage().code(422).message("PRODUCT_UNAVAILABLE").endResponseMessage()
                    .to("direct:cart-api-checkout");

        from("direct:cart-of-caller").routeId("cart-of-caller")
                // failures travel back to the calling HTTP route, which answers them
                .errorHandler(noErrorHandler())
                .description("cart-service on behalf of the caller: the signed-in user's cart, or the guest cart of X-Cart-Id")
                .setHeader(ServiceCallRoutes.ACTING_FOR, method(CartLines.class, "ownerOf"))
                .setHeader(ServiceCallRoutes.CART, method(CartLines.class, "guestCartOf"))
                .to(callOf(CART_SERVICE));

        from("direct:cart-api-read").routeId("cart-api-read").routeConfigurationId(ProblemResponses.ID)
                .description("GET /api/cart: cart-service's cart, each line checked against the catalog and stock")
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/cart"))
                .to("direct:cart-of-caller")
                .filter(answered(200))
                    .setVariable("cart", method(DownstreamAnswers.class, "tree"))
                    .split(method(CartLines.class, "linesOf"))
                        .to("direct:cart-line-now")
                    .end()
                    .setBody(variable("cart")).marshal().json(JsonLibrary.Jackson)
                .end();

        from("direct:cart-line-now").routeId("cart-line-now")
                // failures travel back to the calling HTTP route, which answers them
                .errorHandler(noErrorHandler())
                .description("One line of a cart read: current price (product-service) and stock (inventory-service), "
                        + "stale when either cannot be asked")
                .setVariable("line", body())
                .doTry()
                    .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                    .setHeader(ServiceCallRoutes.PATH, method(CartLines.class, "productPathOf"))
                    .to(callOf(PRODUCT_SERVICE))
                    .setVariable("product", method(DownstreamAnswers.class, "json"))
                    .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                    .setHeader(ServiceCallRoutes.PATH, constant("/api/inventory/check"))
                    .setHeader(ServiceCallRoutes.QUERY, method(CartLines.class, "stockQueryOf"))
                    .to(callOf(INVENTORY_SERVICE))
                    .bean(CartLines.class, "markCurrent")
                .doCatch(ResourceNotFoundException.class, ProblemException.class)
                    .bean(CartLines.class, "markGone")
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "A cart line is marked stale: ${exception.message}")
                    .bean(CartLines.class, "markStale")
                .end();

        from("direct:cart-api-add-item").routeId("cart-api-add-item").routeConfigurationId(ProblemResponses.ID)
                .description("POST /api/cart/items: product for sale and variant (product-service), stock for what the "
                        + "cart will hold (inventory-service), then the line with the catalog's price (cart-service)")
                .unmarshal().json(JsonLibrary.Jackson, AddCartItem.class)
                .bean("requestValidation")
                .setVariable("item", body())
                .setProperty(DownstreamAnswers.RESOURCE, simple("product ${variable.item.productId()}"))
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, simple("/api/products/${variable.item.productId()}"))
                .to(callOf(PRODUCT_SERVICE))
                .setVariable("product", method(DownstreamAnswers.class, "json"))
                .setVariable("line", method(CartLines.class, "newLine"))
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/cart"))
                .to("direct:cart-of-caller")
                .setVariable("units", method(CartLines.class, "unitsAfterAdding"))
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/inventory/check"))
                .setHeader(ServiceCallRoutes.QUERY, method(CartLines.class,
                        "stockQuery(${variable.item.productId()}, ${variable.item.variantId()}, ${variable.units})"))
                .to(callOf(INVENTORY_SERVICE))
                .bean(CartLines.class, "requireInStock")
                .setBody(variable("line")).marshal().json(JsonLibrary.Jackson)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/cart/items"))
                .to("direct:cart-of-caller");

        from("direct:cart-api-change-item").routeId("cart-api-change-item").routeConfigurationId(ProblemResponses.ID)
                .description("PUT /api/cart/items/{itemId}: the new quantity must be in stock (inventory-service)")
                .setVariable("itemId", method(RequestValidation.class, "pathId('itemId', ${header.itemId})"))
                .unmarshal().json(JsonLibrary.Jackson, ChangeCartItem.class)
                .bean("requestValidation")
                .setVariable("change", body())
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/cart"))
                .to("direct:cart-of-caller")
                .setVariable("line", method(CartLines.class, "lineOf"))
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/inventory/check"))
                .setHeader(ServiceCallRoutes.QUERY, method(CartLines.class, "stockQueryOfChange"))
                .to(callOf(INVENTORY_SERVICE))
                .bean(CartLines.class, "requireInStock")
                .setBody(variable("change")).marshal().json(JsonLibrary.Jackson)
                .setHeader(ServiceCallRoutes.METHOD, constant("PUT"))
                .setHeader(ServiceCallRoutes.PATH, simple("/api/cart/items/${variable.itemId}"))
                .to("direct:cart-of-caller");

        from("direct:cart-api-remove-item").routeId("cart-api-remove-item").routeConfigurationId(ProblemResponses.ID)
                .description("DELETE /api/cart/items/{itemId} (cart-service)")
                .setHeader(ServiceCallRoutes.METHOD, constant("DELETE"))
                .setHeader(ServiceCallRoutes.PATH, simple("/api/cart/items/${bean:" + RequestValidation.class.getName()
                        + "?method=pathId('itemId', ${header.itemId})}"))
                .to("direct:cart-of-caller");

        passThrough("direct:cart-api-start", "cart-api-start", "POST /api/cart: a new anonymous cart (cart-service)",
                "POST", "/api/cart");
        passThrough("direct:cart-api-empty", "cart-api-empty", "DELETE /api/cart (cart-service)", "DELETE", "/api/cart");
        passThrough("direct:cart-api-merge", "cart-api-merge",
                "POST /api/cart/merge: an anonymous cart joins the signed-in user's (cart-service)", "POST", "/api/cart/merge");

        from("direct:cart-api-checkout").routeId("cart-api-checkout").routeConfigurationId(ProblemResponses.ID)
                .description("POST /api/cart/checkout: the cart handed over (cart-service), its order placed through the "
                        + "order process, the cart given back when the order is refused")
                .process(exchange -> HubCaller.of(exchange).requireSignedIn("Checkout"))
                .unmarshal().json(JsonLibrary.Jackson, Checkout.class)
                .bean("requestValidation")
                .setVariable("checkout", body())
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/cart"))
                .to("direct:cart-of-caller")
                .setVariable("orderId", method(CartCheckout.class, "orderIdOf"))
                .setBody(method(CartCheckout.class, "handOver")).marshal().json(JsonLibrary.Jackson)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/cart/checkout-started"))
                .to("direct:cart-of-caller")
                .choice()
                    .when(answered(200))
                        .setBody(method(CartCheckout.class, "placement"))
                        .doTry()
                            .to("direct:order-place")
                        .doCatch(ProblemException.class)
                            .setVariable("refusal", exchangeProperty(Exchange.EXCEPTION_CAUGHT))
                            .setBody(method(CartCheckout.class, "handOver")).marshal().json(JsonLibrary.Jackson)
                            .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                            .setHeader(ServiceCallRoutes.PATH, constant("/api/cart/checkout-cancelled"))
                            .to("direct:cart-of-caller")
                            .bean(CartCheckout.class, "refuse")
                        .end()
                .end();
    }

    private void passThrough(String endpoint, String routeId, String description, String method, String path) {
        from(endpoint).routeId(routeId).routeConfigurationId(ProblemResponses.ID)
                .description(description)
                .setHeader(ServiceCallRoutes.METHOD, constant(method))
                .setHeader(ServiceCallRoutes.PATH, constant(path))
                .to("direct:cart-of-caller");
    }
}
