package dev.souk.hub.events;

import static dev.souk.hub.downstream.DownstreamAnswers.answered;
import static dev.souk.hub.downstream.ServiceCallRoutes.USER_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import org.apache.camel.LoggingLevel;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.souk.contracts.Topics;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.downstream.ServiceCallRoutes;

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
                5, 2000, method(UserEvents.class, "concerns"), "direct:user-registered");

        from("direct:user-registered").routeId("user-registered")
                .description("A registered user's profile, created in user-service if missing")
                .errorHandler(noErrorHandler())
                .setBody(method(UserEvents.class, "profileOf")).marshal().json(JsonLibrary.Jackson)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/users"))
                .to(callOf(USER_SERVICE))
                .choice()
                    // the profile exists and was changed since: nothing to do
                    .when(answered(409)).log(LoggingLevel.INFO, "A profile exists with other data; kept as it is")
                    .otherwise().bean(DownstreamAnswers.class, "requireSuccess")
                .end();
    }
}
