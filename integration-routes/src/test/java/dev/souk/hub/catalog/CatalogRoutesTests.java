package dev.souk.hub.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.hub.HubTestSupport;

class CatalogRoutesTests extends HubTestSupport {

    private static final String PROD_1 = """
            {"id":"prod-1","name":"Desert lamp","description":"Brass","category":"home","active":true,
             "variants":[{"id":"var-1","name":"Small","price":19.90},{"id":"var-2","name":"Large","price":29.90}]}
            """;
    private static final String PROD_1_STOCK = """
            [{"productId":"prod-1","variantId":"var-1","onHand":5,"reserved":2,"available":3},
             {"productId":"prod-1","variantId":"var-2","onHand":1,"reserved":1,"available":0}]
            """;

    private static boolean advised;

    @Autowired
    CamelContext camel;

    @Autowired
    ObjectMapper json;

    MockEndpoint productFetched;
    MockEndpoint stockFetched;

    @BeforeEach
    void observeDownstreamRoutes() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, "product-service-call",
                    route -> route.weaveAddLast().to("mock:product-fetched"));
            AdviceWith.adviceWith(camel, "inventory-service-call",
                    route -> route.weaveAddLast().to("mock:stock-fetched"));
            advised = true;
        }
        MockEndpoint.resetMocks(camel);
        productFetched = camel.getEndpoint("mock:product-fetched", MockEndpoint.class);
        stockFetched = camel.getEndpoint("mock:stock-fetched", MockEndpoint.class);
    }

    @AfterEach
    void bringServicesBack() {
        PRODUCT_SERVICE.reset();
        INVENTORY_SERVICE.reset();
    }

    @Test
    void productIsAnsweredWithAvailabilityPerVariant() throws Exception {
        // given
        PRODUCT_SERVICE.answerJson("/api/products/prod-1", 200, PROD_1);
        INVENTORY_SERVICE.answerJson("/api/inventory/stock?productId=prod-1", 200, PROD_1_STOCK);
        productFetched.expectedMessageCount(1);
        stockFetched.expectedMessageCount(1);

        // when
        HttpResponse<String> response = get("/api/catalog/products/prod-1");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode product = json.readTree(response.body());
        assertThat(product.path("name").asText()).isEqualTo("Desert lamp");
        assertThat(product.path("variants").get(0).path("price").decimalValue()).isEqualByComparingTo("19.90");
        assertThat(product.path("variants").get(0).path("available").asLong()).isEqualTo(3);
        assertThat(product.path("variants").get(1).path("available").asLong()).isZero();
        assertThat(product.path("inStock").asBoolean()).isTrue();
        assertThat(product.path("availabilityStale").asBoolean()).isFalse();
        MockEndpoint.assertIsSatisfied(camel);
        // and no request header of the client leaked into the downstream query
        assertThat(INVENTORY_SERVICE.requests()).singleElement()
                .satisfies(uri -> assertThat(uri.getQuery()).isEqualTo("productId=prod-1"));
    }

    @Test
    void unknownProductIsA404ProblemAndInventoryIsNotAsked() throws Exception {
        // given product-service knows no prod-missing (the fake answers 404 problem+json)
        stockFetched.expectedMessageCount(0);

        // when
        HttpResponse<String> response = get("/api/catalog/products/prod-missing");

        // then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("detail").asText()).contains("prod-missing");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/catalog/products/prod-missing");
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        MockEndpoint.assertIsSatisfied(camel);
        assertThat(INVENTORY_SERVICE.requests()).isEmpty();
    }

    @Test
    void aProductNotForSaleIsTheAdministratorsOnly() throws Exception {
        // given product-service shows the hub (SERVICE token) a product that is not for sale
        PRODUCT_SERVICE.answerJson("/api/products/prod-1", 200, PROD_1.replace("\"active\":true", "\"active\":false"));
        INVENTORY_SERVICE.answerJson("/api/inventory/stock?productId=prod-1", 200, PROD_1_STOCK);

        // when a stranger, a customer and the administrator ask the catalog
        HttpResponse<String> stranger = get("/api/catalog/products/prod-1");
        HttpResponse<String> customer = get("/api/catalog/products/prod-1", customer("user-1"));
        HttpResponse<String> administrator = get("/api/catalog/products/prod-1", admin());

        // then only the administrator sees it; the others hear it does not exist, as for an unknown product
        assertThat(stranger.statusCode()).as(stranger.body()).isEqualTo(404);
        assertThat(json.readTree(stranger.body()).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(404);
        assertThat(administrator.statusCode()).as(administrator.body()).isEqualTo(200);
        assertThat(json.readTree(administrator.body()).path("active").asBoolean()).isFalse();
    }

    @Test
    void productServiceDownIsA503ProblemWithRetryAfter() throws Exception {
        // given
        PRODUCT_SERVICE.stop();

        // when
        HttpResponse<String> response = get("/api/catalog/products/prod-1");

        // then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(problem.path("detail").asText()).contains("product-service");
        assertThat(INVENTORY_SERVICE.requests()).isEmpty();
    }

    @Test
    void inventoryDownStillAnswersTheProductMarkedStale() throws Exception {
        // given
        PRODUCT_SERVICE.answerJson("/api/products/prod-1", 200, PROD_1);
        INVENTORY_SERVICE.stop();

        // when
        HttpResponse<String> response = get("/api/catalog/products/prod-1");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode product = json.readTree(response.body());
        assertThat(product.path("id").asText()).isEqualTo("prod-1");
        assertThat(product.path("availabilityStale").asBoolean()).isTrue();
        assertThat(product.path("inStock").isNull()).isTrue();
        assertThat(product.path("variants")).hasSize(2)
                .allSatisfy(variant -> assertThat(variant.path("available").isNull()).isTrue());
    }

    @Test
    void slowInventoryIsCutShortByItsResponseTimeout() throws Exception {
        // given inventory-service accepts the request but never answers
        PRODUCT_SERVICE.answerJson("/api/products/prod-1", 200, PROD_1);
        INVENTORY_SERVICE.hangOn("/api/inventory/stock?productId=prod-1");
        Instant start = Instant.now();

        // when
        HttpResponse<String> response = get("/api/catalog/products/prod-1");

        // then inventory-service's configured 700 ms response timeout answers, the product marked stale
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(4));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("availabilityStale").asBoolean()).isTrue();
    }

    @Test
    void malformedIdIsRejectedBeforeAnyDownstreamCall() throws Exception {
        HttpResponse<String> response = get("/api/catalog/products/prod%3F1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(PRODUCT_SERVICE.requests()).isEmpty();
    }
}
