package dev.souk.hub.events;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.souk.contracts.Topics;

/**
 * Consumes {@code user-events}: every UserRegistered makes sure the user has a profile in user-service. Registration
 * creates the profile at once; this is what completes it when user-service was down at that moment. Idempotent per
 * event id, and the profile create itself is idempotent; bounded retries, then {@code user-events.DLT}.
 */
@Component
public class UserEventRoutes extends RouteBuilder {

    public static final String CONSUMER = "user-events-consumer";

    private final JdbcTemplate jdbc;

    public UserEventRoutes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void configure() {
        from("kafka:" + Topics.USER_EVENTS + "?groupId={{souk.hub.events.group-id}}&autoOffsetReset=earliest"
                + "&breakOnFirstError=false")
                .routeId(CONSUMER)
                .autoStartup("{{souk.hub.events.enabled}}")
                .description("user-events → the registered user's profile exists in user-service")
                .errorHandler(deadLetterChannel("kafka:" + Topics.deadLetterOf(Topics.USER_EVENTS))
                        .useOriginalMessage()
                        .maximumRedeliveries(5)
                        .redeliveryDelay(2000)
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .logExhausted(true))
                .idempotentConsumer(header("eventId"), new ProcessedEvents(jdbc, CONSUMER)).skipDuplicate(true)
                    .bean("userEvents", "handle")
                .end();
    }
}
