package dev.souk.hub.events;

import static dev.souk.hub.downstream.ServiceCallRoutes.ORDER_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;
import static org.apache.camel.builder.PredicateBuilder.not;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.souk.contracts.Topics;
import dev.souk.hub.downstream.ServiceCallRoutes;

/**
 * Consumes {@code delivery-events}: a delivered shipment completes its order's process. Idempotent per event id;
 * after 3 retries an event goes to {@code delivery-events.DLT} (see {@link EventConsumerRoutes}).
 */
@Component
public class DeliveryEventRoutes extends EventConsumerRoutes {

    public static final String CONSUMER = "delivery-events-consumer";

    public DeliveryEventRoutes(JdbcTemplate jdbc) {
        super(jdbc);
    }

    @Override
    public void configure() {
        consume(Topics.DELIVERY_EVENTS, CONSUMER, "delivery-events → complete the order when its shipment is delivered",
                3, 1000, method(DeliveryEvents.class, "concerns"), "direct:shipment-delivered");

        from("direct:shipment-delivered").routeId("shipment-delivered")
                .description("A delivered shipment is the ShipmentDelivered message of its order's process")
                .errorHandler(noErrorHandler())
                .setVariable("orderId", method(DeliveryEvents.class, "orderOf"))
                .filter(not(method("orderProcess", "shipmentDelivered(${variable.orderId})")))
                    .choice()
                        .when(method("orderProcess", "running(${variable.orderId})"))
                            // between two steps (e.g. still being fulfilled): retried, then dead-lettered
                            .throwException(IllegalStateException.class,
                                    "Order ${variable.orderId} is not waiting for its delivery yet")
                        .otherwise()
                            .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                            .setHeader(ServiceCallRoutes.PATH, simple("/api/orders/${variable.orderId}"))
                            .to(callOf(ORDER_SERVICE))
                            .bean(DeliveryEvents.class, "requireSettled")
                    .end()
                .end();
    }
}
