package dev.souk.hub.order;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import dev.souk.hub.downstream.ServiceCallRoutes;

/**
 * The service tasks of {@code Process_OrderLifecycle}, one route each (routeId {@code order-step-…}), called through
 * the {@code camelStep} bridge. Each builds its request from the process variables, calls one service through its
 * guarded call route and judges the answer ({@link OrderSteps}).
 */
@Component
public class OrderStepRoutes extends RouteBuilder {

    @Override
    public void configure() {
        step("direct:validateUser", "order-step-validate-user", "user-service", "userExistsRequest", "userExists");
        from("direct:priceItems").routeId("order-step-price-items")
                .errorHandler(noErrorHandler())
                .description("Price every line with the catalog's current price (product-service)")
                .bean("orderSteps", "priceItems");
        step("direct:createOrder", "order-step-create-order", "order-service", "createOrderRequest", "orderCreated");
        step("direct:reserveStock", "order-step-reserve-stock", "inventory-service", "reserveRequest", "stockReserved");
        step("direct:chargePayment", "order-step-charge-payment", "payment-service", "chargeRequest", "paymentCharged");
        step("direct:confirmOrder", "order-step-confirm-order", "order-service", "confirmOrderRequest", "done");

        from("direct:fulfilOrder").routeId("order-step-fulfil-order")
                .errorHandler(noErrorHandler())
                .description("Fan-out of a confirmed order: commit the stock and create the shipment, in parallel")
                .multicast().parallelProcessing().stopOnException()
                    .to("direct:commitStock", "direct:createShipment")
                .end();
        step("direct:commitStock", "order-step-commit-stock", "inventory-service", "commitStockRequest", "done");
        step("direct:createShipment", "order-step-create-shipment", "delivery-service", "createShipmentRequest", "done");

        step("direct:cancelShipment", "order-step-cancel-shipment", "delivery-service", "cancelShipmentRequest", "shipmentCancelled");
        step("direct:refundPayment", "order-step-refund-payment", "payment-service", "refundRequest", "refunded");
        step("direct:releaseStock", "order-step-release-stock", "inventory-service", "releaseStockRequest", "done");
        step("direct:cancelOrder", "order-step-cancel-order", "order-service", "cancelOrderRequest", "done");
        step("direct:completeOrder", "order-step-complete-order", "order-service", "completeOrderRequest", "done");
    }

    private void step(String endpoint, String routeId, String service, String request, String answer) {
        from(endpoint).routeId(routeId)
                .errorHandler(noErrorHandler())
                .description(routeId + " on " + service)
                .bean("orderSteps", request)
                .to(ServiceCallRoutes.callOf(service))
                .bean("orderSteps", answer);
    }
}
