package dev.souk.hub.events;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.souk.contracts.Topics;

/**
 * Consumes {@code delivery-events}: a delivered shipment completes its order's process. Events are handled once per
 * event id (redeliveries and duplicates are skipped); an event that still fails after bounded retries goes to
 * {@code delivery-events.DLT} with its headers, from where {@code POST /api/hub/dead-letters/delivery-events/replay}
 * puts it back.
 */
@Component
public class DeliveryEventRoutes extends RouteBuilder {

    public static final String CONSUMER = "delivery-events-consumer";

    private final JdbcTemplate jdbc;

    public DeliveryEventRoutes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void configure() {
        from("kafka:" + Topics.DELIVERY_EVENTS + "?groupId={{souk.hub.events.group-id}}&autoOffsetReset=earliest"
                + "&breakOnFirstError=false")
                .routeId(CONSUMER)
                .autoStartup("{{souk.hub.events.enabled}}")
                .description("delivery-events → complete the order when its shipment is delivered")
                .errorHandler(deadLetterChannel("kafka:" + Topics.deadLetterOf(Topics.DELIVERY_EVENTS))
                        .useOriginalMessage()
                        .maximumRedeliveries(3)
                        .redeliveryDelay(1000)
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .logExhausted(true))
                .idempotentConsumer(header("eventId"), new ProcessedEvents(jdbc, CONSUMER)).skipDuplicate(true)
                    .bean("deliveryEvents", "handle")
                .end();
    }
}
