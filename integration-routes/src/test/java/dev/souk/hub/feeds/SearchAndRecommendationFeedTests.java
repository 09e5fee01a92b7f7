package dev.souk.hub.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.contracts.Topics;
import dev.souk.hub.FakeService;
import dev.souk.security.testing.TestTokens;
import dev.souk.security.testing.TestTokensConfiguration;

/**
 * The hub feeds search-service and recommendation-service from the topics on a real (embedded) broker: each
 * subscription its own consumer group (both services get every product event), each change enriched with the owning
 * service's current state, the same event handed over once, and a reindex read from the catalog page by page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.config.enabled=false",
        "eureka.client.enabled=false",
        "souk.hub.events.enabled=true",
        "souk.hub.search-reindex.page-size=2",
        "camel.component.kafka.brokers=${spring.embedded.kafka.brokers}",
        "spring.datasource.url=jdbc:h2:mem:hub-feed-tests;DB_CLOSE_DELAY=-1"
})
@ActiveProfiles("test")
@EmbeddedKafka(kraft = true, partitions = 2, topics = {Topics.PRODUCT_EVENTS, Topics.INVENTORY_EVENTS, Topics.REVIEW_EVENTS,
        Topics.ORDER_CONFIRMED, Topics.ORDER_CANCELLED, Topics.SEARCH_EVENTS})
@Import(TestTokensConfiguration.class)
class SearchAndRecommendationFeedTests {

    static final FakeService PRODUCTS = new FakeService("product-service");
    static final FakeService INVENTORY = new FakeService("inventory-service");
    static final FakeService SEARCH = new FakeService("search-service");
    static final FakeService RECOMMENDATIONS = new FakeService("recommendation-service");
    static final FakeService AUTH = new FakeService("auth-service");
    static final String HUB_TOKEN = TestTokens.service();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.product-service[0].uri", PRODUCTS::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", INVENTORY::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.search-service[0].uri", SEARCH::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.recommendation-service[0].uri", RECOMMENDATIONS::uri);
        registry.add("souk.security.client.token-uri", () -> AUTH.uri() + "/api/auth/token");
        AUTH.answerJson("/api/auth/token", 200,
                "{\"access_token\":\"" + HUB_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
        for (FakeService feed : List.of(SEARCH, RECOMMENDATIONS)) {
            feed.handle("POST", "/api/*/internal/*", request -> new FakeService.Reply(200, "{\"outcome\":\"APPLIED\"}"));
            feed.handle("POST", "/api/*/internal/*/*", request -> new FakeService.Reply(200, "{\"outcome\":\"APPLIED\"}"));
            feed.handle("POST", "/api/*/internal/reindex/*/*", request -> new FakeService.Reply(200, "{\"status\":\"RUNNING\"}"));
        }
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void aProductChangeReachesBothServicesOnceAsTheCatalogHasItNow() throws Exception {
        // given
        String productId = "prod-" + UUID.randomUUID().toString().substring(0, 8);
        PRODUCTS.answerJson("/api/products/" + productId, 200, "{\"id\":\"" + productId + "\",\"name\":\"Skillet\","
                + "\"category\":\"kitchen\",\"active\":true,\"variants\":[{\"id\":\"v\",\"name\":\"S\",\"price\":20}]}");
        String eventId = UUID.randomUUID().toString();
        String event = envelope(eventId, "ProductUpdated", productId, "{\"productId\":\"" + productId + "\",\"name\":\"Old\"}");

        // when it arrives twice
        publish(Topics.PRODUCT_EVENTS, productId, eventId, event);
        publish(Topics.PRODUCT_EVENTS, productId, eventId, event);

        // then each service got the product as product-service has it now, once, with the hub's token
        for (FakeService service : List.of(SEARCH, RECOMMENDATIONS)) {
            String path = service == SEARCH ? "/api/search/internal/catalog" : "/api/recommendations/internal/catalog";
            await().atMost(Duration.ofSeconds(30)).until(() -> posted(service, path, eventId).size() == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> posted(service, path, eventId).size() == 1);
            FakeService.Received received = posted(service, path, eventId).get(0);
            JsonNode change = JSON.readTree(received.body());
            assertThat(change.path("productId").asText()).isEqualTo(productId);
            assertThat(change.path("product").path("name").asText()).isEqualTo("Skillet");
            assertThat(received.authorization()).isEqualTo("Bearer " + HUB_TOKEN);
        }
    }

    @Test
    void aDeletedProductIsHandedOverAsGone() throws Exception {
        String productId = "prod-" + UUID.randomUUID().toString().substring(0, 8);
        PRODUCTS.answerJson("/api/products/" + productId, 404, "{\"code\":\"PRODUCT_NOT_FOUND\"}");
        String eventId = UUID.randomUUID().toString();

        publish(Topics.PRODUCT_EVENTS, productId, eventId, envelope(eventId, "ProductDeleted", productId,
                "{\"productId\":\"" + productId + "\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> posted(SEARCH, "/api/search/internal/catalog", eventId).size() == 1);
        assertThat(JSON.readTree(posted(SEARCH, "/api/search/internal/catalog", eventId).get(0).body()).path("product").isNull())
                .isTrue();
    }

    @Test
    void stockOfEveryProductOfAReservationIsReadAndHandedOver() throws Exception {
        String inStock = "prod-" + UUID.randomUUID().toString().substring(0, 8);
        String soldOut = "prod-" + UUID.randomUUID().toString().substring(0, 8);
        INVENTORY.answerJson("/api/inventory/stock?productId=" + inStock, 200,
                "[{\"productId\":\"" + inStock + "\",\"variantId\":\"v\",\"onHand\":5,\"reserved\":2,\"available\":3}]");
        INVENTORY.answerJson("/api/inventory/stock?productId=" + soldOut, 200,
                "[{\"productId\":\"" + soldOut + "\",\"variantId\":\"v\",\"onHand\":1,\"reserved\":1,\"available\":0}]");
        String eventId = UUID.randomUUID().toString();

        publish(Topics.INVENTORY_EVENTS, "order-1", eventId, envelope(eventId, "StockReserved", "order-1",
                "{\"orderId\":\"order-1\",\"lines\":[{\"productId\":\"" + inStock + "\",\"variantId\":\"v\",\"quantity\":2},"
                        + "{\"productId\":\"" + soldOut + "\",\"variantId\":\"v\",\"quantity\":1}]}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> stockReports(RECOMMENDATIONS, "/api/recommendations/internal/stock",
                inStock, soldOut).size() == 2 && stockReports(SEARCH, "/api/search/internal/stock", inStock, soldOut).size() == 2);
        List<JsonNode> reports = stockReports(SEARCH, "/api/search/internal/stock", inStock, soldOut);
        assertThat(reports).extracting(r -> r.path("productId").asText() + "=" + r.path("inStock").asBoolean())
                .containsExactlyInAnyOrder(inStock + "=true", soldOut + "=false");
        assertThat(reports).extracting(r -> r.path("eventId").asText()).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).hasSizeLessThanOrEqualTo(64));
    }

    @Test
    void confirmedOrdersAndRatingsReachTheirService() throws Exception {
        String orderEvent = UUID.randomUUID().toString();
        publish(Topics.ORDER_CONFIRMED, "order-9", orderEvent, envelope(orderEvent, "OrderConfirmed", "order-9",
                "{\"orderId\":\"order-9\",\"userId\":\"user-9\",\"items\":[{\"productId\":\"a\",\"quantity\":1},"
                        + "{\"productId\":\"b\",\"quantity\":2}]}"));
        String ratingEvent = UUID.randomUUID().toString();
        publish(Topics.REVIEW_EVENTS, "a", ratingEvent, envelope(ratingEvent, "ProductRatingChanged", "a",
                "{\"productId\":\"a\",\"count\":3,\"average\":4.33,\"histogram\":{}}"));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                posted(RECOMMENDATIONS, "/api/recommendations/internal/orders/confirmed", orderEvent).size() == 1
                        && posted(SEARCH, "/api/search/internal/ratings", ratingEvent).size() == 1);
        JsonNode order = JSON.readTree(posted(RECOMMENDATIONS, "/api/recommendations/internal/orders/confirmed", orderEvent)
                .get(0).body());
        assertThat(order.path("userId").asText()).isEqualTo("user-9");
        assertThat(order.path("productIds").toString()).isEqualTo("[\"a\",\"b\"]");
        JsonNode rating = JSON.readTree(posted(SEARCH, "/api/search/internal/ratings", ratingEvent).get(0).body());
        assertThat(rating.path("average").decimalValue()).isEqualByComparingTo("4.33");
        assertThat(rating.path("count").asLong()).isEqualTo(3);
    }

    @Test
    void aReindexReadsTheCatalogPageByPageThenCompletes() throws Exception {
        String reindexId = "reindex-" + UUID.randomUUID();
        PRODUCTS.answerJson("/api/products?includeInactive=true&page=0&size=2", 200,
                "{\"content\":[{\"id\":\"p1\"},{\"id\":\"p2\"}],\"page\":0,\"size\":2,\"totalElements\":3,\"totalPages\":2}");
        PRODUCTS.answerJson("/api/products?includeInactive=true&page=1&size=2", 200,
                "{\"content\":[{\"id\":\"p3\"}],\"page\":1,\"size\":2,\"totalElements\":3,\"totalPages\":2}");
        String eventId = UUID.randomUUID().toString();

        publish(Topics.SEARCH_EVENTS, reindexId, eventId, envelope(eventId, "SearchReindexRequested", reindexId,
                "{\"reindexId\":\"" + reindexId + "\",\"requestedBy\":\"admin-1\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> SEARCH.received().stream()
                .anyMatch(r -> r.uri().getPath().equals("/api/search/internal/reindex/" + reindexId + "/completion")));
        List<String> pages = SEARCH.received().stream()
                .filter(r -> r.uri().getPath().equals("/api/search/internal/reindex/" + reindexId + "/pages"))
                .map(FakeService.Received::body).toList();
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0)).contains("\"p1\"", "\"p2\"");
        assertThat(pages.get(1)).contains("\"p3\"");
    }

    private static List<FakeService.Received> posted(FakeService service, String path, String eventId) {
        return service.received().stream()
                .filter(r -> r.method().equals("POST") && r.uri().getPath().equals(path) && r.body().contains(eventId))
                .toList();
    }

    private static List<JsonNode> stockReports(FakeService service, String path, String... products) {
        return service.received().stream()
                .filter(r -> r.uri().getPath().equals(path))
                .map(r -> {
                    try {
                        return JSON.readTree(r.body());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(r -> List.of(products).contains(r.path("productId").asText()))
                .toList();
    }

    private static String envelope(String eventId, String type, String aggregateId, String payload) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"version\":1,\"aggregateType\":\"x\","
                + "\"aggregateId\":\"" + aggregateId + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"payload\":" + payload + "}";
    }

    private void publish(String topic, String key, String eventId, String envelope) {
        Map<String, Object> props = KafkaTestUtils.producerProps(broker);
        try (var kafka = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, envelope);
            record.headers().add("eventId", eventId.getBytes(StandardCharsets.UTF_8));
            kafka.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
