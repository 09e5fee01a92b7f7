package dev.souk.recommendation;

import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A customer's recommendations are theirs; learning is the hub's; bad input is a 400 that writes nothing. */
@SoukServiceTest
class RecommendationSecurityAndInputTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCustomersRecommendationsAreTheirsAndTheAdministrators() throws Exception {
        mvc.perform(get("/api/recommendations/products/p-1").with(anonymous())).andExpect(status().isOk());
        mvc.perform(get("/api/recommendations/users/user-1").with(anonymous()))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(get("/api/recommendations/users/user-1").with(customer("user-2")))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(get("/api/recommendations/users/user-1").with(customer("user-1"))).andExpect(status().isOk());
        mvc.perform(get("/api/recommendations/users/user-1").with(admin())).andExpect(status().isOk());
    }

    @Test
    void onlyTheHubTeachesTheService() throws Exception {
        String body = "{\"eventId\":\"e-1\",\"orderId\":\"o-1\",\"userId\":\"u-1\",\"productIds\":[\"p-1\"],\"occurredAt\":\"2025-01-01T00:00:00Z\"}";
        mvc.perform(post("/api/recommendations/internal/orders/confirmed").with(anonymous())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/recommendations/internal/orders/confirmed").with(customer("u-1"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
        mvc.perform(post("/api/recommendations/internal/orders/confirmed").with(admin())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
        assertThat(count("purchase")).isZero();
    }

    @Test
    void badInputIsRefusedAndWritesNothing() throws Exception {
        for (String path : new String[]{"/api/recommendations/products/{id}", "/api/recommendations/users/{id}"}) {
            mvc.perform(get(path, "bad id!").with(admin()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
            for (String limit : new String[]{"0", "51", "many"}) {
                mvc.perform(get(path, "p-1").param("limit", limit).with(admin()))
                        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
            }
        }
        String[][] bad = {
                {"/api/recommendations/internal/orders/confirmed", "{\"eventId\":\"e-1\",\"orderId\":\"o-1\",\"userId\":\"u-1\",\"productIds\":[],\"occurredAt\":\"2025-01-01T00:00:00Z\"}"},
                {"/api/recommendations/internal/orders/confirmed", "{\"eventId\":\"e-1\",\"orderId\":\"o-1\",\"productIds\":[\"p-1\"],\"occurredAt\":\"2025-01-01T00:00:00Z\"}"},
                {"/api/recommendations/internal/orders/confirmed", "{\"eventId\":\"e-1\",\"orderId\":\"o 1\",\"userId\":\"u-1\",\"productIds\":[\"p-1\"],\"occurredAt\":\"2025-01-01T00:00:00Z\"}"},
                {"/api/recommendations/internal/orders/confirmed", "{\"eventId\":\"e-1\",\"orderId\":\"o-1\",\"userId\":\"u-1\",\"productIds\":[null],\"occurredAt\":\"2025-01-01T00:00:00Z\"}"},
                {"/api/recommendations/internal/orders/cancelled", "{\"eventId\":\"e-1\",\"orderId\":\"o-1\",\"userId\":\"u-1\"}"},
                {"/api/recommendations/internal/catalog", "{\"eventId\":\"e-1\",\"productId\":\"p-1\",\"occurredAt\":\"2025-01-01T00:00:00Z\",\"product\":{\"id\":\"p-2\",\"category\":\"c\",\"active\":true}}"},
                {"/api/recommendations/internal/catalog", "{\"eventId\":\"e-1\",\"productId\":\"p-1\",\"occurredAt\":\"2025-01-01T00:00:00Z\",\"product\":{\"id\":\"p-1\",\"active\":true}}"},
                {"/api/recommendations/internal/stock", "{\"eventId\":\"e-1\",\"productId\":\"p-1\",\"observedAt\":\"2025-01-01T00:00:00Z\"}"},
        };
        for (String[] request : bad) {
            mvc.perform(post(request[0]).contentType(MediaType.APPLICATION_JSON).content(request[1]))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
        mvc.perform(post("/api/recommendations/internal/stock").contentType(MediaType.APPLICATION_JSON).content("{"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        assertThat(count("purchase") + count("product_fact") + count("processed_event")).isZero();
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}
