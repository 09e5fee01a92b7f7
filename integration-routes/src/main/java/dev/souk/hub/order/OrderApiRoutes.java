package dev.souk.hub.order;

import static dev.souk.hub.downstream.ServiceCallRoutes.ORDER_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import dev.souk.contracts.api.OrderAccepted;
import dev.souk.contracts.api.OrderView;
import dev.souk.contracts.api.PlaceOrder;
import dev.souk.hub.api.HubRestConfiguration;
import dev.souk.hub.api.RequestValidation;
import dev.souk.hub.downstream.ServiceCallRoutes;
import dev.souk.hub.errors.ProblemResponses;
import dev.souk.hub.security.HubCaller;

/**
 * The public order API (the gateway sends {@code /api/orders/**} here). Commands go to the order process
 * ({@link OrderProcess}); reads are answered by order-service, the record of every order.
 */
@Component
public class OrderApiRoutes extends RouteBuilder {

    private static final String UNAUTHENTICATED = "UNAUTHENTICATED: no access token, or an invalid or expired one";
    private static final String FORBIDDEN = "FORBIDDEN: the order is another user's (customers reach only their own; ADMIN reaches all)";
    private static final String STILL_WORKING = "The process is still working (e.g. the engine is retrying a payment "
            + "provider that is down); GET the order for the outcome.";

    @Override
    public void configure() {
        rest("/api/orders").tag("Orders").security(HubRestConfiguration.BEARER).produces("application/json")
                .post().id("placeOrder").type(PlaceOrder.class).outType(OrderView.class).consumes("application/json")
                    .description("Place an order. Prices come from the catalog, never from the client. All items are "
                            + "reserved at once or none.")
                    .responseMessage().code(201).message("The order, PENDING, with its stock reserved").endResponseMessage()
                    .responseMessage().code(202).message(STILL_WORKING).responseModel(OrderAccepted.class).endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED or MALFORMED_JSON").endResponseMessage()
                    .responseMessage().code(401).message(UNAUTHENTICATED).endResponseMessage()
                    .responseMessage().code(403).message("FORBIDDEN: userId names another user (only ADMIN may order for someone else)").endResponseMessage()
                    .responseMessage().code(404).message("USER_NOT_FOUND").endResponseMessage()
                    .responseMessage().code(409).message("OUT_OF_STOCK, with shortItems naming what is missing; TOO_MANY_OPEN_ORDERS "
                            + "when the customer already has as many unpaid orders, or units waiting for payment, as the shop allows").endResponseMessage()
                    .responseMessage().code(422).message("PRODUCT_UNAVAILABLE: unknown or inactive product or variant").endResponseMessage()
                    .responseMessage().code(503).message("SERVICE_UNAVAILABLE, with Retry-After").endResponseMessage()
                    .to("direct:order-api-place")
                .get().id("listOrders").description("List orders, newest first; a customer's own only")
                    .param().name("userId").type(RestParamType.query).required(false).endParam()
                    .param().name("status").type(RestParamType.query).required(false)
                        .description("PENDING, CONFIRMED, COMPLETED or CANCELLED").endParam()
                    .param().name("page").type(RestParamType.query).required(false).endParam()
                    .param().name("size").type(RestParamType.query).required(false).endParam()
                    .responseMessage().code(200).message("One page of orders, newest first").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .responseMessage().code(401).message(UNAUTHENTICATED).endResponseMessage()
                    .responseMessage().code(403).message(FORBIDDEN).endResponseMessage()
                    .to("direct:order-api-list")
                .get("/{id}").id("getOrder").outType(OrderView.class).description("An order with its items and status history")
                    .param().name("id").type(RestParamType.path).endParam()
                    .responseMessage().code(200).message("The order").endResponseMessage()
                    .responseMessage().code(401).message(UNAUTHENTICATED).endResponseMessage()
                    .responseMessage().code(403).message(FORBIDDEN).endResponseMessage()
                    .responseMessage().code(404).message("ORDER_NOT_FOUND").endResponseMessage()
                    .to("direct:order-api-get")
                .put("/{id}/confirm").id("confirmOrder").outType(OrderView.class)
                    .description("Pay and confirm an order. Idempotent: confirming a confirmed order answers it again. "
                            + "A declined payment leaves the order PENDING and payable with another method until the "
                            + "payment window closes.")
                    .param().name("id").type(RestParamType.path).endParam()
                    .param().name("paymentMethodId").type(RestParamType.query).required(false)
                        .description("The method to charge; the one given at placement when absent").endParam()
                    .responseMessage().code(200).message("CONFIRMED").endResponseMessage()
                    .responseMessage().code(202).message(STILL_WORKING).responseModel(OrderAccepted.class).endResponseMessage()
                    .responseMessage().code(401).message(UNAUTHENTICATED).endResponseMessage()
                    .responseMessage().code(402).message("PAYMENT_DECLINED, with declineReason").endResponseMessage()
                    .responseMessage().code(403).message(FORBIDDEN).endResponseMessage()
                    .responseMessage().code(404).message("ORDER_NOT_FOUND").endResponseMessage()
                    .responseMessage().code(409).message("ORDER_NOT_PENDING (cancelled) or ORDER_BUSY (between two steps; Retry-After)").endResponseMessage()
                    .to("direct:order-api-confirm")
                .put("/{id}/cancel").id("cancelOrder").outType(OrderView.class)
                    .description("Cancel an order. Before payment the stock is released; after payment the payment is "
                            + "refunded and the stock released; once shipped the order can no longer be cancelled. Idempotent.")
                    .param().name("id").type(RestParamType.path).endParam()
                    .param().name("reason").type(RestParamType.query).required(false).endParam()
                    .responseMessage().code(200).message("CANCELLED").endResponseMessage()
                    .responseMessage().code(202).message(STILL_WORKING).responseModel(OrderAccepted.class).endResponseMessage()
                    .responseMessage().code(401).message(UNAUTHENTICATED).endResponseMessage()
                    .responseMessage().code(403).message(FORBIDDEN).endResponseMessage()
                    .responseMessage().code(404).message("ORDER_NOT_FOUND").endResponseMessage()
                    .responseMessage().code(409).message("ORDER_NOT_CANCELLABLE or ORDER_BUSY").endResponseMessage()
                    .to("direct:order-api-cancel");

        from("direct:order-api-place").routeId("order-api-place").routeConfigurationId(ProblemResponses.ID)
                .description("POST /api/orders: the order process places the order (validate, price, create, reserve)")
                .unmarshal().json(JsonLibrary.Jackson, PlaceOrder.class)
                .bean("requestValidation")
                .bean(OrderRules.class, "placedBy")
                .setVariable("orderId", method(OrderRules.class, "newOrderId"))
                .to("direct:order-place");

        from("direct:order-place").routeId("order-place")
                // failures travel back to the calling HTTP route, which answers them
                .errorHandler(noErrorHandler())
                .description("Start the order's process and answer once its stock is reserved, or 202")
                .bean("orderProcess", "place(${variable.orderId}, ${body}, ${exchangeProperty." + HubCaller.PROPERTY + "})")
                .choice()
                    .when(method(OrderAnswers.class, "needsRecord"))
                        .to("direct:order-record").bean(OrderAnswers.class, "placedFromRecord")
                    .otherwise()
                        .bean(OrderAnswers.class, "respond")
                .end();

        from("direct:order-api-list").routeId("order-api-list").routeConfigurationId(ProblemResponses.ID)
                .description("GET /api/orders: order-service's list, a customer's own orders only")
                .setHeader(ServiceCallRoutes.QUERY, method(OrderRules.class, "listQuery"))
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/orders"))
                .to(callOf(ORDER_SERVICE));

        from("direct:order-api-get").routeId("order-api-get").routeConfigurationId(ProblemResponses.ID)
                .description("GET /api/orders/{id}: the order as order-service keeps it; a customer's own only")
                .setVariable("orderId", method(RequestValidation.class, "pathId('Order id', ${header.id})"))
                .to("direct:order-record")
                .bean(OrderRules.class, "requireVisible");

        from("direct:order-api-confirm").routeId("order-api-confirm").routeConfigurationId(ProblemResponses.ID)
                .description("PUT /api/orders/{id}/confirm: the order process charges the payment and confirms")
                .setVariable("orderId", method(RequestValidation.class, "pathId('Order id', ${header.id})"))
                .setVariable("paymentMethodId", method(RequestValidation.class, "optionalId('paymentMethodId', ${header.paymentMethodId})"))
                .to("direct:order-of-caller")
                .bean("orderProcess", "confirm(${variable.orderId}, ${variable.paymentMethodId})")
                .choice()
                    .when(method(OrderAnswers.class, "needsRecord"))
                        .to("direct:order-record").bean(OrderAnswers.class, "confirmedFromRecord")
                    .otherwise()
                        .bean(OrderAnswers.class, "respond")
                .end();

        from("direct:order-api-cancel").routeId("order-api-cancel").routeConfigurationId(ProblemResponses.ID)
                .description("PUT /api/orders/{id}/cancel: the order process cancels and compensates")
                .setVariable("orderId", method(RequestValidation.class, "pathId('Order id', ${header.id})"))
                .setVariable("cancelReason", method(OrderRules.class, "cancelReason"))
                .to("direct:order-of-caller")
                .bean("orderProcess", "cancel(${variable.orderId}, ${variable.cancelReason})")
                .choice()
                    .when(method(OrderAnswers.class, "needsRecord"))
                        .to("direct:order-record").bean(OrderAnswers.class, "cancelledFromRecord")
                    .otherwise()
                        .bean(OrderAnswers.class, "respond")
                .end();

        from("direct:order-of-caller").routeId("order-of-caller")
                // failures travel back to the calling HTTP route, which answers them
                .errorHandler(noErrorHandler())
                .description("A customer reaches only their own orders (404 when it cannot be read, 403 when it is another's)")
                .filter(method(OrderRules.class, "ownerMatters"))
                    .to("direct:order-record")
                    .bean(OrderRules.class, "requireVisible")
                .end();

        from("direct:order-record").routeId("order-record")
                // failures travel back to the calling HTTP route, which answers them
                .errorHandler(noErrorHandler())
                .description("GET /api/orders/{id} on order-service: the record of the order")
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, simple("/api/orders/${variable.orderId}"))
                .to(callOf(ORDER_SERVICE));
    }
}
