package dev.souk.search;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Sends what the hub would relay, as the hub (the default SERVICE token of the tests). */
final class Feed {

    private final MockMvc mvc;

    Feed(MockMvc mvc) {
        this.mvc = mvc;
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A product for sale, described now. */
    void product(String id, String name, String description, String category, String... prices) throws Exception {
        catalog(newId("evt"), id, product(id, name, description, category, true, Instant.now(), prices))
                .andExpect(status().isOk());
    }

    ResultActions catalog(String eventId, String productId, String productJson) throws Exception {
        return post("/api/search/internal/catalog", "{\"eventId\":\"" + eventId + "\",\"productId\":\"" + productId
                + "\",\"occurredAt\":\"" + Instant.now() + "\",\"product\":" + productJson + "}");
    }

    ResultActions stock(String productId, boolean inStock) throws Exception {
        return post("/api/search/internal/stock", "{\"eventId\":\"" + newId("evt") + "\",\"productId\":\"" + productId
                + "\",\"inStock\":" + inStock + ",\"observedAt\":\"" + Instant.now() + "\"}");
    }

    ResultActions rating(String productId, String average, long count) throws Exception {
        return post("/api/search/internal/ratings", "{\"eventId\":\"" + newId("evt") + "\",\"productId\":\"" + productId
                + "\",\"average\":" + average + ",\"count\":" + count + ",\"occurredAt\":\"" + Instant.now() + "\"}");
    }

    ResultActions post(String path, String json) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    static String product(String id, String name, String description, String category, boolean active, Instant updatedAt,
                          String... prices) {
        String variants = Arrays.stream(prices)
                .map(price -> "{\"id\":\"var-" + price.replace('.', '-') + "\",\"name\":\"Std\",\"price\":" + price + "}")
                .collect(Collectors.joining(",", "[", "]"));
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"description\":\"" + description + "\",\"category\":\""
                + category + "\",\"currency\":\"USD\",\"active\":" + active + ",\"variants\":" + variants
                + ",\"createdAt\":\"" + updatedAt + "\",\"updatedAt\":\"" + updatedAt + "\"}";
    }
}
