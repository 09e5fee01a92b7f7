package dev.souk.hub.events;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.souk.contracts.Topics;

/**
 * Consumes {@code user-events}: every UserRegistered makes sure the user has a profile in user-service. Registration
 * creates the profile at once; this completes it when user-service was down at that moment. Idempotent per event id
 * (and the profile create is idempotent too); after 5 retries an event goes to {@code user-events.DLT}.
 */
@Component
public class UserEventRoutes extends EventConsumerRoutes {

    public static final String CONSUMER = "user-events-consumer";

    public UserEventRoutes(JdbcTemplate jdbc) {
        super(jdbc);
    }

    @Override
    public void configure() {
        consume(Topics.USER_EVENTS, CONSUMER, "user-events → the registered user's profile exists in user-service",
                5, 2000, "userEvents");
    }
}
