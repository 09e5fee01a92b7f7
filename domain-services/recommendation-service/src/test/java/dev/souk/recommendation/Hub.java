package dev.souk.recommendation;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Sends what the hub would relay, as the hub (the default SERVICE token of the tests). */
final class Hub {

    private final MockMvc mvc;

    Hub(MockMvc mvc) {
        this.mvc = mvc;
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A product for sale and in stock. */
    void productForSale(String productId, String category) throws Exception {
        catalog(newId("evt"), productId, category, true, Instant.now());
        stock(productId, true);
    }

    ResultActions catalog(String eventId, String productId, String category, boolean active, Instant updatedAt) throws Exception {
        return send("/api/recommendations/internal/catalog", "{\"eventId\":\"" + eventId + "\",\"productId\":\"" + productId
                + "\",\"occurredAt\":\"" + updatedAt + "\",\"product\":{\"id\":\"" + productId + "\",\"name\":\"N\",\"category\":\""
                + category + "\",\"active\":" + active + ",\"updatedAt\":\"" + updatedAt + "\",\"variants\":[]}}");
    }

    ResultActions stock(String productId, boolean inStock) throws Exception {
        return send("/api/recommendations/internal/stock", "{\"eventId\":\"" + newId("evt") + "\",\"productId\":\"" + productId
                + "\",\"inStock\":" + inStock + ",\"observedAt\":\"" + Instant.now() + "\"}");
    }

    ResultActions confirmed(String eventId, String orderId, String userId, String... productIds) throws Exception {
        String products = List.of(productIds).stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(","));
        return send("/api/recommendations/internal/orders/confirmed", "{\"eventId\":\"" + eventId + "\",\"orderId\":\"" + orderId
                + "\",\"userId\":\"" + userId + "\",\"productIds\":[" + products + "],\"occurredAt\":\"" + Instant.now() + "\"}");
    }

    /** A new confirmed order of {@code userId}; answers its id. */
    String order(String userId, String... productIds) throws Exception {
        String orderId = newId("order");
        confirmed(newId("evt"), orderId, userId, productIds);
        return orderId;
    }

    ResultActions cancelled(String orderId, String userId) throws Exception {
        return send("/api/recommendations/internal/orders/cancelled", "{\"eventId\":\"" + newId("evt") + "\",\"orderId\":\""
                + orderId + "\",\"userId\":\"" + userId + "\",\"occurredAt\":\"" + Instant.now() + "\"}");
    }

    ResultActions send(String path, String json) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(json));
    }
}
