package dev.souk.audit.log;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * How an event becomes an entry. The action is the event's type and the entity its aggregate. The actor is whoever the
 * event names as {@code actorId} (security and administrative acts do; {@code actorType} says USER, SERVICE or SYSTEM,
 * USER when absent); a plain domain event is the act of the service that owns its topic. Where the event carries
 * {@code before}/{@code after} those are the summary; otherwise the event's payload is the state after.
 */
public final class EventEntries {

    /** The longest summary kept; a longer one is cut and marked. */
    public static final int MAX_STATE = 8000;

    private static final Map<String, String> OWNER_OF_TOPIC = Map.ofEntries(
            Map.entry("order-created", "order-service"), Map.entry("order-confirmed", "order-service"),
            Map.entry("order-cancelled", "order-service"), Map.entry("order-completed", "order-service"),
            Map.entry("payment-events", "payment-service"), Map.entry("cart-events", "cart-service"),
            Map.entry("user-events", "user-service"), Map.entry("product-events", "product-service"),
            Map.entry("inventory-events", "inventory-service"), Map.entry("delivery-events", "delivery-service"),
            Map.entry("review-events", "review-service"), Map.entry("search-events", "search-service"),
            Map.entry("auth-events", "auth-service"), Map.entry("security-events", "auth-service"),
            Map.entry("operations-events", "integration-hub"));
    private static final Set<String> ACTOR_TYPES = Set.of("USER", "SERVICE", "SYSTEM");
    private static final String CUT = "…(cut)";

    private EventEntries() {
    }

    public static NewEntry of(String topic, String eventId, String type, String aggregateType, String aggregateId,
                              Instant occurredAt, JsonNode payload, String requestTraceId) {
        String actorId = text(payload, "actorId");
        String actorType;
        if (actorId != null) {
            String named = text(payload, "actorType");
            actorType = named != null && ACTOR_TYPES.contains(named) ? named : "USER";
        } else {
            actorId = OWNER_OF_TOPIC.getOrDefault(topic, topic);
            actorType = "SERVICE";
        }
        String before = payload.has("before") ? json(payload.get("before")) : null;
        String after = payload.has("after") ? json(payload.get("after")) : json(payload);
        String traceId = text(payload, "traceId");
        return new NewEntry(occurredAt, actorType, cut(actorId, 200), type, aggregateType, cut(aggregateId, 200),
                before, after, traceId != null ? cut(traceId, 64) : requestTraceId, topic, eventId);
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String json(JsonNode node) {
        return node == null || node.isNull() ? null : cut(node.toString(), MAX_STATE);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - CUT.length()) + CUT;
    }
}
