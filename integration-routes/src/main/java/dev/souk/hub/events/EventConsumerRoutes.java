package dev.souk.hub.events;

import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.souk.contracts.Topics;

/**
 * How the hub consumes a topic: events the consumer does nothing with are passed over before anything is recorded;
 * the others are handled once per event id (redeliveries and duplicates are skipped, also after a restart), a
 * failing event retried a bounded number of times and then put on {@code <topic>.DLT} with its headers, from where
 * {@code POST /api/hub/dead-letters/<topic>/replay} puts it back.
 */
abstract class EventConsumerRoutes extends RouteBuilder {

    private final JdbcTemplate jdbc;

    protected EventConsumerRoutes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A consumer route (routeId {@code consumer}) handing every new event of {@code topic} that {@code concerns} to
     * the route {@code handler}, with the event envelope as a JSON tree; a failure of the handler is retried.
     */
    protected void consume(String topic, String consumer, String description, int maxRedeliveries, long redeliveryDelayMs,
                           Predicate concerns, String handler) {
        // its own consumer group: two subscriptions of one topic must each see every partition
        from("kafka:" + topic + "?groupId={{souk.hub.events.group-id}}." + consumer + "&autoOffsetReset=earliest&breakOnFirstError=false")
                .routeId(consumer)
                .autoStartup("{{souk.hub.events.enabled}}")
                .description(description)
                .errorHandler(deadLetterChannel("kafka:" + Topics.deadLetterOf(topic))
                        .useOriginalMessage()
                        .maximumRedeliveries(maxRedeliveries)
                        .redeliveryDelay(redeliveryDelayMs)
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .logExhausted(true))
                .unmarshal().json(JsonLibrary.Jackson, JsonNode.class)
                .filter(concerns)
                    .idempotentConsumer(header("eventId"), new ProcessedEvents(jdbc, consumer)).skipDuplicate(true)
                        .to(handler)
                    .end()
                .end();
    }
}
