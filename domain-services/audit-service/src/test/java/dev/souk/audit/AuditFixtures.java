package dev.souk.audit;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.UUID;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Events as the hub hands them over, and ids that never collide between tests. */
final class AuditFixtures {

    private AuditFixtures() {
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A domain event of {@code topic} about {@code aggregateId}, with {@code payloadJson} as its payload. */
    static String event(String topic, String eventId, String type, String aggregateType, String aggregateId, String payloadJson) {
        return "{\"topic\":\"" + topic + "\",\"event\":{\"eventId\":\"" + eventId + "\",\"type\":\"" + type
                + "\",\"version\":1,\"aggregateType\":\"" + aggregateType + "\",\"aggregateId\":\"" + aggregateId
                + "\",\"occurredAt\":\"2026-11-30T10:15:30.123456789Z\",\"payload\":" + payloadJson + "}}";
    }

    static String orderConfirmed(String eventId, String orderId, String userId) {
        return event("order-confirmed", eventId, "OrderConfirmed", "order", orderId,
                "{\"orderId\":\"" + orderId + "\",\"userId\":\"" + userId + "\",\"total\":42.50}");
    }

    static ResultActions record(MockMvc mvc, String body) throws Exception {
        return mvc.perform(post("/api/audit/internal/events").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    /** Records {@code count} order confirmations; answers nothing, asserts each was appended. */
    static void recordOrders(MockMvc mvc, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            record(mvc, orderConfirmed(UUID.randomUUID().toString(), newId("ord"), "user-" + i)).andExpect(status().isOk());
        }
    }
}
