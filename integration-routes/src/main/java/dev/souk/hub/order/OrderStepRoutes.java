package dev.souk.hub.order;

import static dev.souk.hub.downstream.DownstreamAnswers.answered;
import static dev.souk.hub.downstream.DownstreamAnswers.refused;
import static dev.souk.hub.downstream.ServiceCallRoutes.DELIVERY_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.INVENTORY_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.ORDER_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.PAYMENT_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.PRODUCT_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.USER_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

import dev.souk.contracts.ProblemCodes;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.downstream.ServiceCallRoutes;
import dev.souk.hub.process.CamelStepDelegate;

/**
 * The service tasks of {@code Process_OrderLifecycle}, one route each (routeId {@code order-step-…}), run by the
 * {@code camelStep} bridge: each builds its request from the process variables ({@link OrderRequests}), calls one
 * service through its guarded route, and reads the answer — a business refusal (out of stock, declined, shipped)
 * becomes the step's, anything unexpected is a technical failure the engine retries. Steps that change the order
 * hand order-service's answer to whoever waits on the process ({@link CamelStepDelegate#ANSWER}).
 */
@Component
public class OrderStepRoutes extends RouteBuilder {

    @Override
    public void configure() {
        step("direct:validateUser", "order-step-validate-user", "Task_ValidateUser: the user exists (user-service)")
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, simple("/api/users/${variable.userId}/exists"))
                .to(callOf(USER_SERVICE))
                .bean(DownstreamAnswers.class, "requireSuccess")
                .filter(simple("${body.trim()} != 'true'"))
                    .bean(OrderRefusals.class, "userNotFound")
                .end();

        step("direct:priceItems", "order-step-price-items",
                "Task_PriceItems: every line priced with the catalog's current price, each product fetched once (product-service)")
                .split(method(OrderPricing.class, "productIds"), AggregationStrategies.groupedBody()).stopOnException()
                    .setProperty(DownstreamAnswers.RESOURCE, simple("product ${body}"))
                    .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                    .setHeader(ServiceCallRoutes.PATH, simple("/api/products/${body}"))
                    .to(callOf(PRODUCT_SERVICE))
                    .setBody(method(OrderPricing.class, "productOrNone"))
                .end()
                .bean(OrderPricing.class, "price");

        step("direct:createOrder", "order-step-create-order",
                "Task_CreateOrder: the order PENDING in order-service, which also holds a customer to the unpaid-orders cap")
                .setBody(method("orderRequests", "placement")).marshal().json(JsonLibrary.Jackson)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/orders"))
                .to(callOf(ORDER_SERVICE))
                .choice()
                    .when(refused(409, ProblemCodes.TOO_MANY_OPEN_ORDERS)).bean(OrderRefusals.class, "refusal")
                    // order-service had it already: placed by another process (a double click) unless this one retries
                    .when(answered(200)).bean("orderProcess", "requireFirstPlacement(${exchangeProperty."
                            + CamelStepDelegate.BUSINESS_KEY + "})")
                .end()
                .bean(DownstreamAnswers.class, "requireSuccess")
                .setProperty(CamelStepDelegate.ANSWER, body())
                .setVariable("total", method(OrderRequests.class, "totalOf"));

        step("direct:reserveStock", "order-step-reserve-stock",
                "Task_ReserveStock: every line reserved at once, or none (inventory-service)")
                .setBody(method("orderRequests", "reservation")).marshal().json(JsonLibrary.Jackson)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/inventory/reserve"))
                .to(callOf(INVENTORY_SERVICE))
                .filter(refused(409, ProblemCodes.OUT_OF_STOCK))
                    .setVariable("cancelReason", constant("out of stock"))
                    .bean(OrderRefusals.class, "refusal")
                .end()
                .bean(DownstreamAnswers.class, "requireSuccess");

        step("direct:chargePayment", "order-step-charge-payment",
                "Task_ChargePayment: the order's total charged once, whatever the retries (payment-service)")
                .setBody(method("orderRequests", "payment")).marshal().json(JsonLibrary.Jackson)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/payments"))
                .to(callOf(PAYMENT_SERVICE))
                .filter(refused(402, ProblemCodes.PAYMENT_DECLINED))
                    .bean(OrderRefusals.class, "refusal")
                .end()
                .bean(DownstreamAnswers.class, "requireSuccess")
                .setVariable("paymentId", method(OrderRequests.class, "paymentIdOf"));

        orderCommand("direct:confirmOrder", "order-step-confirm-order", "Task_ConfirmOrder: the order CONFIRMED (order-service)",
                "confirm", "confirmation");
        orderCommand("direct:cancelOrder", "order-step-cancel-order", "Task_CancelOrder: the order CANCELLED with its reason (order-service)",
                "cancel", "cancellation");
        orderCommand("direct:completeOrder", "order-step-complete-order", "Task_CompleteOrder: the order COMPLETED (order-service)",
                "complete", "completion");

        step("direct:fulfilOrder", "order-step-fulfil-order",
                "Task_FulfilOrder: a confirmed order's stock committed, then its shipment created")
                .multicast().stopOnException()
                    .to("direct:commitStock", "direct:createShipment")
                .end();
        orderChange("direct:commitStock", "order-step-commit-stock", "Reserved units become sold (inventory-service)",
                INVENTORY_SERVICE, "/api/inventory/commit", "order")
                .bean(DownstreamAnswers.class, "requireSuccess");
        orderChange("direct:createShipment", "order-step-create-shipment", "The shipment to the order's address (delivery-service)",
                DELIVERY_SERVICE, "/api/delivery/shipments", "shipment")
                .bean(DownstreamAnswers.class, "requireSuccess");

        step("direct:cancelShipment", "order-step-cancel-shipment",
                "Task_CancelShipment: the shipment called back, unless it is on its way (delivery-service)")
                .setBody(method("orderRequests", "cancellation")).marshal().json(JsonLibrary.Jackson)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, simple("/api/delivery/${exchangeProperty." + CamelStepDelegate.BUSINESS_KEY + "}/cancel"))
                .to(callOf(DELIVERY_SERVICE))
                .filter(answered(409))
                    .bean(OrderRefusals.class, "shipped")
                .end()
                // no shipment yet: nothing to call back
                .bean(DownstreamAnswers.class, "requireSuccessOrAbsent");
        orderChange("direct:refundPayment", "order-step-refund-payment", "Task_RefundPayment: the payment refunded (payment-service)",
                PAYMENT_SERVICE, "/api/payments/refund", "cancellation")
                // nothing to refund: the payment never completed
                .bean(DownstreamAnswers.class, "requireSuccessOrAbsent");
        orderChange("direct:releaseStock", "order-step-release-stock", "Task_ReleaseStock: the reserved units back on the shelf (inventory-service)",
                INVENTORY_SERVICE, "/api/inventory/release", "order")
                .bean(DownstreamAnswers.class, "requireSuccess");
    }

    private RouteDefinition step(String endpoint, String routeId, String description) {
        return from(endpoint).routeId(routeId)
                // failures go back to the engine: a refusal to the model, anything else to the job's retries
                .errorHandler(noErrorHandler())
                .description(description);
    }

    /** A POST to a service about the order, with a body of {@link OrderRequests}. */
    private RouteDefinition orderChange(String endpoint, String routeId, String description, String service, String path,
                                        String request) {
        RouteDefinition route = step(endpoint, routeId, description);
        route.setBody(method("orderRequests", request)).marshal().json(JsonLibrary.Jackson)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant(path))
                .to(callOf(service));
        return route;
    }

    /** {@code POST /api/orders/{id}/<command>} on order-service; its answer is the order as it now is. */
    private void orderCommand(String endpoint, String routeId, String description, String command, String request) {
        step(endpoint, routeId, description)
                .setBody(method("orderRequests", request)).marshal().json(JsonLibrary.Jackson)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, simple("/api/orders/${exchangeProperty." + CamelStepDelegate.BUSINESS_KEY
                        + "}/" + command))
                .to(callOf(ORDER_SERVICE))
                .bean(DownstreamAnswers.class, "requireSuccess")
                .setProperty(CamelStepDelegate.ANSWER, body());
    }
}
