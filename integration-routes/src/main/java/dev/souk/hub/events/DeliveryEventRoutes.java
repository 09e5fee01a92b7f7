package dev.souk.hub.events;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.souk.contracts.Topics;

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
                3, 1000, "deliveryEvents");
    }
}
