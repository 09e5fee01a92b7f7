package dev.souk.hub.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.hub.HubTestSupport;

/** The catalog read carries the product's rating from review-service, and still answers when review-service cannot. */
class CatalogRatingTests extends HubTestSupport {

    private static final String PROD_7 = """
            {"id":"prod-7","name":"Copper kettle","description":"Hand-hammered","category":"kitchen","active":true,
             "variants":[{"id":"var-1","name":"1 l","price":49.00}]}
            """;
    private static final String PROD_7_STOCK = """
            [{"productId":"prod-7","variantId":"var-1","onHand":4,"reserved":1,"available":3}]
            """;
    private static final String PROD_7_SUMMARY = """
            {"productId":"prod-7","count":3,"average":4.33,"histogram":{"1":0,"2":0,"3":0,"4":2,"5":1}}
            """;

    @Autowired
    ObjectMapper json;

    @BeforeEach
    void catalogAndStockAnswer() {
        PRODUCT_SERVICE.answerJson("/api/products/prod-7", 200, PROD_7);
        INVENTORY_SERVICE.answerJson("/api/inventory/stock?productId=prod-7", 200, PROD_7_STOCK);
    }

    @AfterEach
    void bringServicesBack() {
        PRODUCT_SERVICE.reset();
        INVENTORY_SERVICE.reset();
        REVIEW_SERVICE.reset();
    }

    @Test
    void theProductCarriesItsRatingFromReviewService() throws Exception {
        // given
        REVIEW_SERVICE.answerJson("/api/reviews/products/prod-7/summary", 200, PROD_7_SUMMARY);

        // when
        HttpResponse<String> response = get("/api/catalog/products/prod-7");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode product = json.readTree(response.body());
        assertThat(product.path("ratingStale").asBoolean()).isFalse();
        assertThat(product.path("rating").path("count").asLong()).isEqualTo(3);
        assertThat(product.path("rating").path("average").decimalValue()).isEqualByComparingTo("4.33");
        assertThat(product.path("rating").path("histogram").path("4").asLong()).isEqualTo(2);
        assertThat(product.path("variants").get(0).path("available").asLong()).isEqualTo(3);
        assertThat(product.path("availabilityStale").asBoolean()).isFalse();
    }

    @Test
    void aProductWithoutReviewsHasARatingOfNone() throws Exception {
        // given review-service knows no reviews of the product
        REVIEW_SERVICE.answerJson("/api/reviews/products/prod-7/summary", 200,
                "{\"productId\":\"prod-7\",\"count\":0,\"average\":null,\"histogram\":{\"1\":0,\"2\":0,\"3\":0,\"4\":0,\"5\":0}}");

        // when
        JsonNode product = json.readTree(get("/api/catalog/products/prod-7").body());

        // then zero reviews, which is known, not stale
        assertThat(product.path("ratingStale").asBoolean()).isFalse();
        assertThat(product.path("rating").path("count").asLong()).isZero();
        assertThat(product.path("rating").path("average").isNull()).isTrue();
    }

    @Test
    void reviewServiceDownStillAnswersTheProductWithTheRatingMarkedStale() throws Exception {
        // given
        REVIEW_SERVICE.stop();

        // when
        HttpResponse<String> response = get("/api/catalog/products/prod-7");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode product = json.readTree(response.body());
        assertThat(product.path("name").asText()).isEqualTo("Copper kettle");
        assertThat(product.path("rating").isNull()).isTrue();
        assertThat(product.path("ratingStale").asBoolean()).isTrue();
        assertThat(product.path("availabilityStale").asBoolean()).isFalse();
    }

    @Test
    void aSlowReviewServiceIsCutShortByItsResponseTimeout() throws Exception {
        // given review-service accepts the request but never answers
        REVIEW_SERVICE.hangOn("/api/reviews/products/prod-7/summary");
        Instant start = Instant.now();

        // when
        HttpResponse<String> response = get("/api/catalog/products/prod-7");

        // then its 1 s response timeout answers, the rating marked stale
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("ratingStale").asBoolean()).isTrue();
    }

    @Test
    void theRatingIsAskedWithTheHubsTokenAndNothingTheClientClaimed() throws Exception {
        // given
        REVIEW_SERVICE.answerJson("/api/reviews/products/prod-7/summary", 200, PROD_7_SUMMARY);

        // when a client names an identity in every way it could
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(hub("/api/catalog/products/prod-7") + "?X-User-Id=user-b&X-User-Roles=ADMIN"))
                .header("X-User-Id", "user-b").header("X-User-Roles", "ADMIN").timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        // then review-service was asked by the hub itself, with no claimed identity and no query
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(REVIEW_SERVICE.received()).singleElement().satisfies(call -> {
            assertThat(call.authorization()).isEqualTo("Bearer " + HUB_SERVICE_TOKEN);
            assertThat(call.headerNames()).doesNotContain("x-user-id", "x-user-roles");
            assertThat(call.uri().getRawQuery()).isNull();
        });
    }
}
