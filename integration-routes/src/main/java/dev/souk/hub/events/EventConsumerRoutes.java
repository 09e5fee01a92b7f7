package dev.souk.hub.events;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.souk.contracts.Topics;

/**
 * How the hub consumes a topic: each event handled once per event id (redeliveries and duplicates are skipped, also
 * after a restart), a failing event retried a bounded number of times and then put on {@code <topic>.DLT} with its
 * headers, from where {@code POST /api/hub/dead-letters/<topic>/replay} puts it back.
 */
abstract class EventConsumerRoutes extends RouteBuilder {

    private final JdbcTemplate jdbc;

    protected EventConsumerRoutes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A consumer route (routeId {@code consumer}) handing every new event of {@code topic} to {@code bean}.handle. */
    protected void consume(String topic, String consumer, String description, int maxRedeliveries, long redeliveryDelayMs,
                           String bean) {
        from("kafka:" + topic + "?groupId={{souk.hub.events.group-id}}&autoOffsetReset=earliest&breakOnFirstError=false")
                .routeId(consumer)
                .autoStartup("{{souk.hub.events.enabled}}")
                .description(description)
                .errorHandler(deadLetterChannel("kafka:" + Topics.deadLetterOf(topic))
                        .useOriginalMessage()
                        .maximumRedeliveries(maxRedeliveries)
                        .redeliveryDelay(redeliveryDelayMs)
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .logExhausted(true))
                .idempotentConsumer(header("eventId"), new ProcessedEvents(jdbc, consumer)).skipDuplicate(true)
                    .bean(bean, "handle")
                .end();
    }
}
