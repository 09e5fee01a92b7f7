package dev.souk.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static dev.souk.review.ReviewFixtures.bought;
import static dev.souk.review.ReviewFixtures.confirmed;
import static dev.souk.review.ReviewFixtures.ingest;
import static dev.souk.review.ReviewFixtures.newId;
import static dev.souk.review.ReviewFixtures.orderEvent;
import static dev.souk.review.ReviewFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SoukServiceTest
class ReviewApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper objectMapper;

    @Test
    void aVerifiedBuyerReviewsAProductOnceAndTheRatingCountsIt() throws Exception {
        // given a customer whose confirmed order holds the product
        String product = newId("prod");
        String user = newId("user");
        bought(mvc, user, product);

        // when they review it
        String created = submit(user, review(product, 4, "Solid <b>kettle</b>", "Boils fast & quietly."))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/reviews/rev-")))
                .andExpect(jsonPath("$.status").value("PUBLISHED"))
                .andExpect(jsonPath("$.userId").value(user))
                .andExpect(jsonPath("$.verifiedPurchase").value(true))
                // stored as sent: never escaped, stripped or rendered by us
                .andExpect(jsonPath("$.title").value("Solid <b>kettle</b>"))
                .andExpect(jsonPath("$.body").value("Boils fast & quietly."))
                .andReturn().getResponse().getContentAsString();
        String id = objectMapper.readTree(created).path("id").asText();

        // then it is public and counted once
        mvc.perform(get("/api/reviews/{id}", id).with(anonymous())).andExpect(status().isOk())
                .andExpect(jsonPath("$.rating").value(4));
        mvc.perform(get("/api/reviews/products/{p}/summary", product).with(anonymous()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(1))
                .andExpect(jsonPath("$.average").value(4.0))
                .andExpect(jsonPath("$.histogram.4").value(1))
                .andExpect(jsonPath("$.histogram.1").value(0));

        // and a second review of the same product by the same customer is refused, nothing written
        submit(user, review(product, 1, "Changed my mind", null))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("ALREADY_REVIEWED"));
        assertThat(reviewsOf(product)).isEqualTo(1);
        assertThat(events(product)).containsExactly("ReviewSubmitted", "ProductRatingChanged");
    }

    @Test
    void onlyBuyersOfAConfirmedOrCompletedOrderMayReview() throws Exception {
        String product = newId("prod");
        String stranger = newId("user");
        String cancelledBuyer = newId("user");
        String order = newId("ord");

        // a customer who never bought it
        submit(stranger, review(product, 5, "Great", null))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("NOT_A_VERIFIED_BUYER"));

        // a customer whose order was cancelled, even when the cancellation arrived before the confirmation
        ingest(mvc, orderEvent(UUID.randomUUID().toString(), "OrderCancelled", order, cancelledBuyer)).andExpect(status().isOk());
        ingest(mvc, confirmed(UUID.randomUUID().toString(), order, cancelledBuyer, product)).andExpect(status().isOk());
        submit(cancelledBuyer, review(product, 5, "Great", null))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("NOT_A_VERIFIED_BUYER"));

        // another customer's purchase proves nothing for this one
        bought(mvc, newId("user"), product);
        submit(stranger, review(product, 5, "Great", null)).andExpect(status().isForbidden());

        assertThat(reviewsOf(product)).isZero();
    }

    @Test
    void aCompletedOrderKeepsItsBuyerVerified() throws Exception {
        String product = newId("prod");
        String user = newId("user");
        String order = newId("ord");
        ingest(mvc, confirmed(UUID.randomUUID().toString(), order, user, product, newId("other"))).andExpect(status().isOk());
        ingest(mvc, orderEvent(UUID.randomUUID().toString(), "OrderCompleted", order, user)).andExpect(status().isOk());

        submit(user, review(product, 3, "Fine", "Does the job")).andExpect(status().isCreated());
    }

    @Test
    void anOrderEventIsAppliedOncePerEventId() throws Exception {
        String product = newId("prod");
        String user = newId("user");
        String order = newId("ord");
        String confirmation = UUID.randomUUID().toString();
        String cancellation = UUID.randomUUID().toString();

        ingest(mvc, confirmed(confirmation, order, user, product))
                .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("APPLIED"));
        ingest(mvc, confirmed(confirmation, order, user, product))
                .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("DUPLICATE"));
        ingest(mvc, orderEvent(cancellation, "OrderCancelled", order, user)).andExpect(jsonPath("$.outcome").value("APPLIED"));
        // a replayed confirmation never brings a cancelled order back
        ingest(mvc, confirmed(confirmation, order, user, product)).andExpect(jsonPath("$.outcome").value("DUPLICATE"));
        ingest(mvc, orderEvent(UUID.randomUUID().toString(), "OrderCreated", order, user))
                .andExpect(jsonPath("$.outcome").value("IGNORED"));

        assertThat(jdbc.queryForObject("select status from purchase_order where order_id = ?", String.class, order))
                .isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id in (?, ?)", Integer.class,
                confirmation, cancellation)).isEqualTo(2);
    }

    @Test
    void aReviewWithALinkOrABlockedWordWaitsForStaff() throws Exception {
        String product = newId("prod");
        String linker = newId("user");
        String spammer = newId("user");
        bought(mvc, linker, product);
        bought(mvc, spammer, product);

        String held = submit(linker, review(product, 5, "Buy here", "see https://cheap.example for more"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("PENDING_MODERATION"))
                .andExpect(jsonPath("$.flagReason").value("contains a link"))
                .andReturn().getResponse().getContentAsString();
        submit(spammer, review(product, 5, "CASINO bonus", null))
                .andExpect(jsonPath("$.status").value("PENDING_MODERATION"))
                .andExpect(jsonPath("$.flagReason").value("contains a blocked word"));
        String id = objectMapper.readTree(held).path("id").asText();

        // not public, not counted; the author and staff see it
        mvc.perform(get("/api/reviews/{id}", id).with(anonymous())).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("REVIEW_NOT_FOUND"));
        mvc.perform(get("/api/reviews/{id}", id).with(customer(linker))).andExpect(status().isOk());
        mvc.perform(get("/api/reviews").param("productId", product).with(anonymous()))
                .andExpect(jsonPath("$.totalElements").value(0));
        mvc.perform(get("/api/reviews").param("status", "PENDING_MODERATION").param("productId", product).with(admin()))
                .andExpect(jsonPath("$.totalElements").value(2));
        summary(product).andExpect(jsonPath("$.count").value(0)).andExpect(jsonPath("$.average").value(nullValue()));

        // when staff approve it, it is published and counted
        moderate(id, "{\"decision\":\"APPROVE\"}").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PUBLISHED"));
        summary(product).andExpect(jsonPath("$.count").value(1)).andExpect(jsonPath("$.average").value(5.0));
        // approving again changes nothing
        moderate(id, "{\"decision\":\"APPROVE\"}").andExpect(status().isOk());
        summary(product).andExpect(jsonPath("$.count").value(1));

        // when staff reject it, it leaves the rating again
        moderate(id, "{\"decision\":\"REJECT\",\"reason\":\"Advertising\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.moderationReason").value("Advertising"));
        summary(product).andExpect(jsonPath("$.count").value(0));
        assertThat(events(product)).containsExactly("ReviewSubmitted", "ReviewSubmitted", "ReviewModerated",
                "ProductRatingChanged", "ReviewModerated", "ProductRatingChanged");
        check(product).andExpect(jsonPath("$.drift").value(false));
    }

    @Test
    void theAuthorEditsAndTheEditGoesThroughModerationAgain() throws Exception {
        String product = newId("prod");
        String user = newId("user");
        bought(mvc, user, product);
        String id = idOf(submit(user, review(product, 2, "Meh", null)));

        // a clean edit stays published and moves the rating by the difference
        edit(user, id, "{\"rating\":5,\"title\":\"Grew on me\",\"body\":\"Now I love it\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PUBLISHED"))
                .andExpect(jsonPath("$.edited").value(true))
                .andExpect(jsonPath("$.rating").value(5));
        summary(product).andExpect(jsonPath("$.count").value(1)).andExpect(jsonPath("$.histogram.5").value(1))
                .andExpect(jsonPath("$.histogram.2").value(0));

        // an edit with a link is held back and leaves the rating
        edit(user, id, "{\"rating\":5,\"title\":\"Grew on me\",\"body\":\"www.deals.example\"}")
                .andExpect(jsonPath("$.status").value("PENDING_MODERATION"));
        summary(product).andExpect(jsonPath("$.count").value(0));

        // a rejected review, once edited, waits for staff even when clean
        moderate(id, "{\"decision\":\"REJECT\",\"reason\":\"Link\"}").andExpect(status().isOk());
        edit(user, id, "{\"rating\":4,\"title\":\"Grew on me\",\"body\":\"No link now\"}")
                .andExpect(jsonPath("$.status").value("PENDING_MODERATION"))
                .andExpect(jsonPath("$.flagReason").value("edited after a rejection"));
        summary(product).andExpect(jsonPath("$.count").value(0));
        check(product).andExpect(jsonPath("$.drift").value(false));
    }

    @Test
    void deletingAReviewTakesItOutOfTheRatingOnce() throws Exception {
        String product = newId("prod");
        String author = newId("user");
        String voter = newId("user");
        bought(mvc, author, product);
        String id = idOf(submit(author, review(product, 1, "Broke", null)));
        mvc.perform(post("/api/reviews/{id}/helpful", id).with(customer(voter))).andExpect(status().isOk());

        mvc.perform(delete("/api/reviews/{id}", id).with(customer(author))).andExpect(status().isNoContent());
        mvc.perform(delete("/api/reviews/{id}", id).with(customer(author))).andExpect(status().isNotFound());

        summary(product).andExpect(jsonPath("$.count").value(0));
        assertThat(jdbc.queryForObject("select count(*) from review_vote where review_id = ?", Integer.class, id)).isZero();
        // and the author may review the product afresh
        submit(author, review(product, 3, "Second try", null)).andExpect(status().isCreated());
        check(product).andExpect(jsonPath("$.drift").value(false))
                .andExpect(jsonPath("$.stored.count").value(1));
    }

    @Test
    void helpfulVotesAreOnePerCustomerAndNeverOnOnesOwnReview() throws Exception {
        String product = newId("prod");
        String author = newId("user");
        bought(mvc, author, product);
        String id = idOf(submit(author, review(product, 4, "Nice", null)));

        mvc.perform(post("/api/reviews/{id}/helpful", id).with(customer("voter-1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.helpfulCount").value(1)).andExpect(jsonPath("$.counted").value(true));
        mvc.perform(post("/api/reviews/{id}/helpful", id).with(customer("voter-1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.helpfulCount").value(1)).andExpect(jsonPath("$.counted").value(false));
        mvc.perform(post("/api/reviews/{id}/helpful", id).with(customer("voter-2")))
                .andExpect(jsonPath("$.helpfulCount").value(2));
        mvc.perform(post("/api/reviews/{id}/helpful", id).with(customer(author)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("OWN_REVIEW"));
        mvc.perform(post("/api/reviews/{id}/helpful", "rev-unknown").with(customer("voter-1")))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("REVIEW_NOT_FOUND"));
    }

    @Test
    void reviewsAreListedInTheRequestedOrder() throws Exception {
        String product = newId("prod");
        String low = newId("user");
        String high = newId("user");
        String mid = newId("user");
        for (String user : List.of(low, high, mid)) {
            bought(mvc, user, product);
        }
        String lowId = idOf(submit(low, review(product, 1, "Bad", null)));
        String highId = idOf(submit(high, review(product, 5, "Great", null)));
        String midId = idOf(submit(mid, review(product, 3, "Okay", null)));
        mvc.perform(post("/api/reviews/{id}/helpful", lowId).with(customer("v-1"))).andExpect(status().isOk());
        mvc.perform(post("/api/reviews/{id}/helpful", lowId).with(customer("v-2"))).andExpect(status().isOk());
        mvc.perform(post("/api/reviews/{id}/helpful", midId).with(customer("v-1"))).andExpect(status().isOk());

        listed(product, "newest").andExpect(jsonPath("$.content[*].id", contains(midId, highId, lowId)));
        listed(product, "helpful").andExpect(jsonPath("$.content[*].id", contains(lowId, midId, highId)));
        listed(product, "rating_high").andExpect(jsonPath("$.content[*].id", contains(highId, midId, lowId)));
        listed(product, "rating_low").andExpect(jsonPath("$.content[*].id", contains(lowId, midId, highId)));
        mvc.perform(get("/api/reviews").param("productId", product).param("size", "2").param("page", "1").with(anonymous()))
                .andExpect(jsonPath("$.content[*].id", contains(lowId)))
                .andExpect(jsonPath("$.totalElements").value(3));
        summary(product).andExpect(jsonPath("$.count").value(3)).andExpect(jsonPath("$.average").value(3.0));
        mvc.perform(get("/api/reviews/mine").with(customer(mid)))
                .andExpect(jsonPath("$.content[*].id", contains(midId)));
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() throws Exception {
        String product = newId("prod");
        String user = newId("user");
        bought(mvc, user, product);
        String id = idOf(submit(user, review(product, 4, "Fine", null)));
        Map<String, Object> before = counts();

        expectInvalid(submit(user, review(product, 0, "Zero", null)));
        expectInvalid(submit(user, review(product, 6, "Six", null)));
        expectInvalid(submit(user, "{\"productId\":\"" + product + "\",\"title\":\"No rating\"}"));
        expectInvalid(submit(user, review(product, 4, "", null)));
        expectInvalid(submit(user, review(product, 4, "x".repeat(121), null)));
        expectInvalid(submit(user, review(product, 4, "Long", "y".repeat(5_001))));
        expectInvalid(submit(user, review("bad id!", 4, "Id", null)));
        submit(user, "{not json").andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        expectInvalid(edit(user, id, "{\"rating\":9,\"title\":\"x\"}"));
        expectInvalid(edit(user, id, "{\"rating\":3,\"title\":\"" + "t".repeat(121) + "\"}"));
        expectInvalid(moderate(id, "{\"decision\":\"MAYBE\"}"));
        expectInvalid(moderate(id, "{\"decision\":\"REJECT\"}"));
        expectInvalid(mvc.perform(get("/api/reviews").param("sort", "loudest").with(anonymous())));
        expectInvalid(mvc.perform(get("/api/reviews").param("size", "1000").with(anonymous())));
        expectInvalid(mvc.perform(get("/api/reviews").param("status", "SECRET").with(admin())));
        expectInvalid(mvc.perform(get("/api/reviews/{id}", "bad id!").with(anonymous())));
        expectInvalid(mvc.perform(get("/api/reviews/products/{p}/summary", "bad id!").with(anonymous())));
        expectInvalid(mvc.perform(post("/api/reviews/{id}/helpful", "bad id!").with(customer("v-1"))));
        expectInvalid(ingest(mvc, "{\"eventId\":\"not-a-uuid\",\"type\":\"OrderConfirmed\",\"payload\":{}}"));
        expectInvalid(ingest(mvc, confirmed(UUID.randomUUID().toString(), "bad order!", user, product)));
        expectInvalid(ingest(mvc, "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"OrderConfirmed\","
                + "\"payload\":{\"orderId\":\"o-1\",\"userId\":\"u-1\",\"items\":[]}}"));

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void theApiIsDocumentedUnderItsBasePath() throws Exception {
        mvc.perform(get("/api/reviews/v3/api-docs").with(anonymous()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.title").value("Souk review-service"))
                .andExpect(jsonPath("$.paths").value(hasKey("/api/reviews")))
                .andExpect(jsonPath("$.paths").value(hasKey("/api/reviews/{reviewId}/moderation")))
                .andExpect(jsonPath("$.paths").value(hasKey("/api/reviews/products/{productId}/summary")));
        mvc.perform(get("/api/reviews/swagger-ui/index.html").with(anonymous())).andExpect(status().isOk());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    ResultActions submit(String user, String body) throws Exception {
        return mvc.perform(post("/api/reviews").with(customer(user)).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions edit(String user, String id, String body) throws Exception {
        return mvc.perform(put("/api/reviews/{id}", id).with(customer(user)).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions moderate(String id, String body) throws Exception {
        return mvc.perform(put("/api/reviews/{id}/moderation", id).with(admin()).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions summary(String product) throws Exception {
        return mvc.perform(get("/api/reviews/products/{p}/summary", product).with(anonymous())).andExpect(status().isOk());
    }

    private ResultActions check(String product) throws Exception {
        return mvc.perform(get("/api/reviews/products/{p}/summary/check", product).with(admin())).andExpect(status().isOk());
    }

    private ResultActions listed(String product, String sort) throws Exception {
        return mvc.perform(get("/api/reviews").param("productId", product).param("sort", sort).with(anonymous()))
                .andExpect(status().isOk());
    }

    String idOf(ResultActions created) throws Exception {
        JsonNode review = objectMapper.readTree(created.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        return review.path("id").asText();
    }

    private static void expectInvalid(ResultActions call) throws Exception {
        call.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    private int reviewsOf(String product) {
        return jdbc.queryForObject("select count(*) from review where product_id = ?", Integer.class, product);
    }

    private List<String> events(String product) {
        return jdbc.queryForList("select event_type from outbox_event where event_key = ? order by seq", String.class, product);
    }

    private Map<String, Object> counts() {
        return jdbc.queryForMap("select (select count(*) from review) r, (select count(*) from review_vote) v, "
                + "(select count(*) from outbox_event) e, (select count(*) from processed_event) p, "
                + "(select max(updated_at) from review) u, (select count(*) from purchase_order) o");
    }
}
