package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Search and recommendations on the running stack, through the gateway: a product the administrator creates is
 * searchable within 2 s with its facets, typos and suggestions included; three buyers of A and B make B the first
 * suggestion for A; a reindex rebuilds the index while it answers; whatever is typed is a result or a 400.
 */
@ExtendWith(SoukStack.class)
class SearchFlowsIT {

    private static final String GATEWAY = "http://localhost:8080";

    private final Http admin = Http.admin();
    private final Http anonymous = new Http();

    /**
     * Right after the stack starts, the hub's feeds first catch up with everything on their topics (the demo catalog);
     * the 2 s promise is for a feed that has.
     */
    private void feedHasCaughtUp() {
        String word = "warmup" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        createProduct(word, "it-warmup", "1");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> search("q=" + word).path("total").asInt() == 1);
    }

    @Test
    void aNewProductIsSearchableWithinTwoSecondsWithItsFacets() {
        // given
        feedHasCaughtUp();
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String category = "it-" + word;
        String productId = createProduct(word + "skillet", category, "24.50");
        long created = System.nanoTime();

        // when / then: searchable within 2 s
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> search("q=" + word + "skillet").path("total").asInt() == 1);
        System.out.printf("searchable %d ms after it was created%n", (System.nanoTime() - created) / 1_000_000);
        JsonNode found = search("q=" + word + "skillet&category=" + category);
        assertThat(found.path("items").get(0).path("productId").asText()).isEqualTo(productId);
        assertThat(found.path("facets").path("category").get(0).path("value").asText()).isEqualTo(category);
        assertThat(found.path("facets").path("category").get(0).path("count").asInt()).isEqualTo(1);
        assertThat(found.path("facets").path("price").get(0).path("count").asInt()).isEqualTo(1);

        // its stock moves the availability facet
        setStock(productId, 5);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                search("category=" + category + "&inStock=true").path("total").asInt() == 1);

        // one typo still finds it, and the search box completes it
        assertThat(search("q=" + word + "skilet").path("total").asInt()).isEqualTo(1);
        JsonNode suggestions = Http.json(anonymous.get(GATEWAY + "/api/search/suggest?q=" + word.substring(0, 6)));
        assertThat(suggestions.path("suggestions").get(0).path("productId").asText()).isEqualTo(productId);
    }

    @Test
    void whateverIsTypedIsAResultOrABadRequest() {
        for (String text : new String[]{"* ? ~ : \" ( ) [ ] \\", "name:x AND (y OR z~2)", "", "   "}) {
            HttpResponse<String> answer = anonymous.get(GATEWAY + "/api/search?q=" + encode(text));
            assertThat(answer.statusCode()).as(text).isEqualTo(200);
        }
        HttpResponse<String> tooLong = anonymous.get(GATEWAY + "/api/search?q=" + "a".repeat(1000));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Http.json(tooLong).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        HttpResponse<String> badSort = anonymous.get(GATEWAY + "/api/search?sort=cheapest");
        assertThat(badSort.statusCode()).isEqualTo(400);
        // the feeds are the hub's: not even the administrator writes to them
        HttpResponse<String> feed = admin.postJson(GATEWAY + "/api/search/internal/stock",
                "{\"eventId\":\"e-1\",\"productId\":\"p-1\",\"inStock\":true,\"observedAt\":\"2025-01-01T00:00:00Z\"}");
        assertThat(feed.statusCode()).isEqualTo(403);
    }

    @Test
    void threeBuyersOfAAndBMakeBTheFirstRecommendationForA() {
        // given two products in stock
        feedHasCaughtUp();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String a = createProduct("Pan " + tag, "it-rec-" + tag, "10");
        String b = createProduct("Lid " + tag, "it-rec-" + tag, "5");
        setStock(a, 100);
        setStock(b, 100);
        // both searchable in stock: the feeds that tell recommendations about them have caught up too ("Lid <tag>"
        // would find the pan as well, by its tag)
        await().atMost(Duration.ofSeconds(30)).until(() -> search("q=" + tag + "&inStock=true").path("total").asInt() == 2);

        // when three customers buy both
        Http lastBuyer = null;
        for (int buyer = 0; buyer < 3; buyer++) {
            lastBuyer = Http.newCustomer();
            buy(lastBuyer, a, b);
        }

        // then
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode items = Http.json(anonymous.get(GATEWAY + "/api/recommendations/products/" + a)).path("items");
            return items.size() > 0 && items.get(0).path("productId").asText().equals(b)
                    && items.get(0).path("reason").asText().equals("BOUGHT_TOGETHER")
                    && items.get(0).path("buyers").asInt() == 3;
        });
        // a customer's own recommendations are theirs
        Http buyer = lastBuyer;
        assertThat(buyer.get(GATEWAY + "/api/recommendations/users/" + buyer.userId()).statusCode()).isEqualTo(200);
        assertThat(Http.newCustomer().get(GATEWAY + "/api/recommendations/users/" + buyer.userId()).statusCode()).isEqualTo(403);
        assertThat(anonymous.get(GATEWAY + "/api/recommendations/users/" + buyer.userId()).statusCode()).isEqualTo(401);
    }

    @Test
    void aReindexRebuildsTheIndexWhileItAnswers() {
        HttpResponse<String> requested = admin.postJson(GATEWAY + "/api/search/reindex", "");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String reindexId = Http.json(requested).path("reindexId").asText();
        assertThat(anonymous.get(GATEWAY + "/api/search?q=skillet").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() ->
                Http.json(admin.get(GATEWAY + "/api/search/reindex/" + reindexId)).path("status").asText().equals("COMPLETED"));
        assertThat(search("").path("total").asInt()).isPositive();
        assertThat(Http.newCustomer().postJson(GATEWAY + "/api/search/reindex", "").statusCode()).isEqualTo(403);
    }

    private JsonNode search(String query) {
        HttpResponse<String> answer = anonymous.get(GATEWAY + "/api/search?" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Http.json(answer);
    }

    private String createProduct(String name, String category, String price) {
        HttpResponse<String> created = admin.postJson(GATEWAY + "/api/products", "{\"name\":\"" + name + "\","
                + "\"description\":\"Made for the system test\",\"category\":\"" + category + "\","
                + "\"variants\":[{\"id\":\"var-1\",\"name\":\"Standard\",\"price\":" + price + "}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).path("id").asText();
    }

    private void setStock(String productId, int onHand) {
        HttpResponse<String> set = admin.send(Http.request(GATEWAY + "/api/inventory/stock")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"productId\":\"" + productId + "\",\"variantId\":\"var-1\",\"onHand\":"
                        + onHand + "}")).build());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    }

    private void buy(Http customer, String... productIds) {
        StringBuilder items = new StringBuilder();
        for (String productId : productIds) {
            items.append(items.isEmpty() ? "" : ",").append("{\"productId\":\"").append(productId)
                    .append("\",\"variantId\":\"var-1\",\"quantity\":1}");
        }
        HttpResponse<String> placed = customer.postJson(GATEWAY + "/api/orders", "{\"shippingAddress\":\"1 Test St\","
                + "\"paymentMethodId\":\"pm_abc\",\"items\":[" + items + "]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String orderId = Http.json(placed).path("id").asText();
        HttpResponse<String> confirmed = customer.send(Http.request(GATEWAY + "/api/orders/" + orderId + "/confirm?paymentMethodId=pm_abc")
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
