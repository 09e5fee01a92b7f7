package dev.souk.hub.events;

import static dev.souk.hub.downstream.ServiceCallRoutes.NOTIFICATION_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import dev.souk.contracts.Topics;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.downstream.ServiceCallRoutes;

/**
 * The customer hears about every step of their account and orders: one consumer route per topic notification-service
 * learns from (routeId {@code notification-feed-<topic>}, each its own consumer group), handing the events a customer
 * is told about to its internal endpoint through the guarded call route. Idempotent per event id here and again at the
 * service; after 5 retries an event goes to {@code <topic>.DLT}, from where the dead-letter replay puts it back.
 */
@Component
public class NotificationFeedRoutes extends EventConsumerRoutes {

    static final String HAND_OVER = "direct:notification-event";

    /** Per topic, the event types a customer is told about (or that keep their mail address current). */
    static final Map<String, Set<String>> SUBSCRIPTIONS = subscriptions();

    public NotificationFeedRoutes(JdbcTemplate jdbc) {
        super(jdbc);
    }

    public static String consumerOf(String topic) {
        return "notification-feed-" + topic;
    }

    @Override
    public void configure() {
        SUBSCRIPTIONS.forEach((topic, types) -> consume(topic, consumerOf(topic),
                topic + " → the customer's notification (notification-service)", 5, 2000,
                exchange -> isOneOf(exchange.getMessage().getBody(JsonNode.class), types), HAND_OVER));

        from(HAND_OVER).routeId("notification-event")
                .description("Hand one event to notification-service, which makes the customer's notification once per event id")
                .errorHandler(noErrorHandler())
                .marshal().json(JsonLibrary.Jackson)
                .convertBodyTo(String.class)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/notifications/internal/events"))
                .to(callOf(NOTIFICATION_SERVICE))
                .bean(DownstreamAnswers.class, "requireSuccess");
    }

    static boolean isOneOf(JsonNode envelope, Set<String> types) {
        return envelope != null && types.contains(envelope.path("type").asText());
    }

    private static Map<String, Set<String>> subscriptions() {
        Map<String, Set<String>> subscriptions = new LinkedHashMap<>();
        subscriptions.put(Topics.USER_EVENTS, Set.of("UserRegistered", "UserUpdated"));
        subscriptions.put(Topics.ORDER_CREATED, Set.of("OrderCreated"));
        subscriptions.put(Topics.ORDER_CONFIRMED, Set.of("OrderConfirmed"));
        subscriptions.put(Topics.ORDER_CANCELLED, Set.of("OrderCancelled"));
        subscriptions.put(Topics.PAYMENT_EVENTS, Set.of("PaymentDeclined", "PaymentRefunded"));
        subscriptions.put(Topics.DELIVERY_EVENTS, Set.of("ShipmentStatusChanged"));
        return Collections.unmodifiableMap(subscriptions);
    }
}
