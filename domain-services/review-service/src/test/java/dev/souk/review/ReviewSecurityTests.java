package dev.souk.review;

import com.jayway.jsonpath.JsonPath;
import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.as;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static dev.souk.review.ReviewFixtures.bought;
import static dev.souk.review.ReviewFixtures.confirmed;
import static dev.souk.review.ReviewFixtures.newId;
import static dev.souk.review.ReviewFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Reading is public; writing is the author's; moderation is staff's; order events are the platform's. */
@SoukServiceTest
class ReviewSecurityTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void writingNeedsAValidToken() throws Exception {
        String product = newId("prod");
        mvc.perform(post("/api/reviews").with(anonymous()).contentType(MediaType.APPLICATION_JSON)
                        .content(review(product, 5, "Anonymous", null)))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(post("/api/reviews").with(as(TestTokens.expired())).contentType(MediaType.APPLICATION_JSON)
                        .content(review(product, 5, "Expired", null)))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/reviews/mine").with(anonymous())).andExpect(status().isUnauthorized());
    }

    @Test
    void aCustomerCannotChangeOrSeeAnotherCustomersHeldReview() throws Exception {
        // given user-a's review waiting for moderation
        String product = newId("prod");
        String author = newId("user");
        bought(mvc, author, product);
        String held = idOf(mvc.perform(post("/api/reviews").with(customer(author)).contentType(MediaType.APPLICATION_JSON)
                .content(review(product, 5, "See www.example.com", null))).andReturn().getResponse().getContentAsString());

        mvc.perform(get("/api/reviews/{id}", held).with(customer("someone-else"))).andExpect(status().isNotFound());
        mvc.perform(put("/api/reviews/{id}", held).with(customer("someone-else")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"rating\":1,\"title\":\"Hijacked\"}")).andExpect(status().isNotFound());
        mvc.perform(delete("/api/reviews/{id}", held).with(customer("someone-else"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/reviews").param("status", "PENDING_MODERATION").with(customer(author)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("FORBIDDEN"));
        assertThat(titleOf(held)).isEqualTo("See www.example.com");
    }

    @Test
    void aCustomerCannotEditOrDeleteAnotherCustomersPublishedReview() throws Exception {
        String product = newId("prod");
        String author = newId("user");
        bought(mvc, author, product);
        String id = idOf(mvc.perform(post("/api/reviews").with(customer(author)).contentType(MediaType.APPLICATION_JSON)
                .content(review(product, 5, "Mine", null))).andReturn().getResponse().getContentAsString());

        mvc.perform(put("/api/reviews/{id}", id).with(customer("someone-else")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rating\":1,\"title\":\"Hijacked\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(delete("/api/reviews/{id}", id).with(customer("someone-else")))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("FORBIDDEN"));
        // staff may remove it, but not write it in the author's name
        mvc.perform(put("/api/reviews/{id}", id).with(admin()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"rating\":1,\"title\":\"Staff edit\"}")).andExpect(status().isForbidden());
        assertThat(titleOf(id)).isEqualTo("Mine");
        mvc.perform(delete("/api/reviews/{id}", id).with(admin())).andExpect(status().isNoContent());
    }

    @Test
    void moderationAndTheSummaryCheckAreStaffs() throws Exception {
        String product = newId("prod");
        String author = newId("user");
        bought(mvc, author, product);
        String id = idOf(mvc.perform(post("/api/reviews").with(customer(author)).contentType(MediaType.APPLICATION_JSON)
                .content(review(product, 5, "Mine", null))).andReturn().getResponse().getContentAsString());

        mvc.perform(put("/api/reviews/{id}/moderation", id).with(customer(author)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"REJECT\",\"reason\":\"self\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(get("/api/reviews/products/{p}/summary/check", product).with(customer(author)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/reviews/products/{p}/summary/check", product).with(anonymous()))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/reviews/{id}", id).with(anonymous()))
                .andExpect(jsonPath("$.status").value("PUBLISHED"));
    }

    @Test
    void onlyThePlatformHandsOverOrderEvents() throws Exception {
        String product = newId("prod");
        String customer = newId("user");
        String forged = confirmed(UUID.randomUUID().toString(), newId("ord"), customer, product);

        mvc.perform(post("/api/reviews/internal/order-events").with(customer(customer))
                        .contentType(MediaType.APPLICATION_JSON).content(forged))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(post("/api/reviews/internal/order-events").with(admin())
                .contentType(MediaType.APPLICATION_JSON).content(forged)).andExpect(status().isForbidden());
        mvc.perform(post("/api/reviews/internal/order-events").with(anonymous())
                .contentType(MediaType.APPLICATION_JSON).content(forged)).andExpect(status().isUnauthorized());

        // so the forged purchase proves nothing
        mvc.perform(post("/api/reviews").with(customer(customer)).contentType(MediaType.APPLICATION_JSON)
                        .content(review(product, 5, "Forged", null)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("NOT_A_VERIFIED_BUYER"));
    }

    @Test
    void thePlatformsTokenWritesNoReviews() throws Exception {
        mvc.perform(post("/api/reviews").contentType(MediaType.APPLICATION_JSON)
                        .header("X-User-Id", "user-a").content(review(newId("prod"), 5, "As the hub", null)))
                .andExpect(status().isForbidden());
    }

    private String titleOf(String id) {
        return jdbc.queryForObject("select title from review where id = ?", String.class, id);
    }

    private static String idOf(String json) {
        return JsonPath.read(json, "$.id");
    }
}
