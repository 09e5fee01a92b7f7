package dev.souk.review;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.UUID;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Order events as the hub hands them over, and ids that never collide between tests. */
final class ReviewFixtures {

    private ReviewFixtures() {
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String confirmed(String eventId, String orderId, String userId, String... productIds) {
        StringBuilder items = new StringBuilder();
        for (String productId : productIds) {
            items.append(items.isEmpty() ? "" : ",").append("{\"productId\":\"").append(productId)
                    .append("\",\"variantId\":\"v-1\",\"quantity\":1}");
        }
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"OrderConfirmed\",\"version\":1,\"payload\":{\"orderId\":\""
                + orderId + "\",\"userId\":\"" + userId + "\",\"items\":[" + items + "]}}";
    }

    static String orderEvent(String eventId, String type, String orderId, String userId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"payload\":{\"orderId\":\"" + orderId
                + "\",\"userId\":\"" + userId + "\"}}";
    }

    static ResultActions ingest(MockMvc mvc, String event) throws Exception {
        return mvc.perform(post("/api/reviews/internal/order-events").contentType(MediaType.APPLICATION_JSON).content(event));
    }

    /** Makes {@code userId} a verified buyer of {@code productId} with a confirmed order. */
    static void bought(MockMvc mvc, String userId, String productId) throws Exception {
        ingest(mvc, confirmed(UUID.randomUUID().toString(), newId("ord"), userId, productId)).andExpect(status().isOk());
    }

    static String review(String productId, int rating, String title, String body) {
        return "{\"productId\":\"" + productId + "\",\"rating\":" + rating + ",\"title\":\"" + title + "\""
                + (body == null ? "" : ",\"body\":\"" + body + "\"") + "}";
    }
}
