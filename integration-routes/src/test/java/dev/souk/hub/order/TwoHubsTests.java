package dev.souk.hub.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.souk.hub.FakeService.Reply;
import dev.souk.hub.HubTestSupport;
import dev.souk.hub.IntegrationHubApplication;
import dev.souk.security.testing.TestTokensConfiguration;

/**
 * Two hubs on one engine database, the way replicas run in production: a burst of one customer's orders spread over
 * both stops at the unpaid-orders cap (order-service keeps it; no hub holds a lock of its own), and every placement
 * and payment is answered right, whichever hub's job executor ran the order's steps; a scheduled job runs once for each
 * of its times, whichever hub's scheduler fires it.
 */
class TwoHubsTests extends HubTestSupport {

    private static final String ORDER = """
            {"shippingAddress":"1 Market Street","items":[{"productId":"prod-1","variantId":"var-1","quantity":1}]}""";

    private static ConfigurableApplicationContext secondHub;

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;
    /** order-service's orders, by id; it counts a customer's unpaid ones when a placement names limits */
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();

    /** Started once the test's own hub runs, so that Camel's test support has set that one up already. */
    private static void startTheSecondHub() {
        // command-line arguments: they win over the hub's own application.yml
        secondHub = new SpringApplicationBuilder(IntegrationHubApplication.class, TestTokensConfiguration.class)
                .profiles("test")
                .run("--server.port=0",
                        "--spring.cloud.config.enabled=false",
                        "--eureka.client.enabled=false",
                        "--spring.jmx.enabled=false",
                        "--camel.main.jmx-enabled=false",
                        "--camel.main.name=integration-hub-2",
                        "--camunda.bpm.process-engine-name=second",
                        "--camunda.bpm.webapp.enabled=false",
                        "--spring.cloud.discovery.client.simple.instances.product-service[0].uri=" + PRODUCT_SERVICE.uri(),
                        "--spring.cloud.discovery.client.simple.instances.inventory-service[0].uri=" + INVENTORY_SERVICE.uri(),
                        "--spring.cloud.discovery.client.simple.instances.order-service[0].uri=" + ORDER_SERVICE.uri(),
                        "--spring.cloud.discovery.client.simple.instances.user-service[0].uri=" + USER_SERVICE.uri(),
                        "--spring.cloud.discovery.client.simple.instances.payment-service[0].uri=" + PAYMENT_SERVICE.uri(),
                        "--spring.cloud.discovery.client.simple.instances.delivery-service[0].uri=" + DELIVERY_SERVICE.uri(),
                        "--souk.security.client.token-uri=" + AUTH_SERVICE.uri() + "/api/auth/token");
        // Camel's test support holds back every context started while a test class runs; this one starts here
        secondHub.getBean(CamelContext.class).start();
    }

    @AfterAll
    static void stopTheSecondHub() {
        if (secondHub != null) {
            secondHub.close();
        }
    }

    @BeforeEach
    void playTheServices() {
        if (secondHub == null) {
            startTheSecondHub();
        }
        List.of(USER_SERVICE, PRODUCT_SERVICE, ORDER_SERVICE, INVENTORY_SERVICE, PAYMENT_SERVICE, DELIVERY_SERVICE)
                .forEach(service -> service.reset());
        USER_SERVICE.answerJson("/api/users/user-c/exists", 200, "true");
        PRODUCT_SERVICE.answerJson("/api/products/prod-1", 200, """
                {"id":"prod-1","name":"Mug","currency":"USD","active":true,"variants":[{"id":"var-1","name":"Blue","price":9.50}]}""");
        ORDER_SERVICE.handle("POST", "/api/orders", request -> placeCapped(read(request.body())));
        ORDER_SERVICE.handle("GET", "/api/orders/*", request -> {
            ObjectNode order = orders.get(request.uri().getPath().split("/")[3]);
            return order == null ? new Reply(404, "{\"status\":404,\"code\":\"ORDER_NOT_FOUND\"}") : new Reply(200, order.toString());
        });
        ORDER_SERVICE.handle("POST", "/api/orders/*/confirm", request -> {
            ObjectNode order = orders.get(request.uri().getPath().split("/")[3]);
            return new Reply(200, order.put("status", "CONFIRMED").toString());
        });
        INVENTORY_SERVICE.handle("POST", "/api/inventory/reserve", request -> new Reply(200, "{\"status\":\"RESERVED\"}"));
        PAYMENT_SERVICE.handle("POST", "/api/payments", request -> new Reply(201, "{\"id\":\"pay-1\",\"status\":\"COMPLETED\"}"));
    }

    @Test
    void aBurstOfOneCustomersOrdersOverTwoHubsStopsAtTheCapAndEveryAnswerIsRight() throws Exception {
        // when one customer sends eight orders at once, four to each hub
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                URI hub = i % 2 == 0 ? hub("/api/orders") : secondHub("/api/orders");
                burst.add(CompletableFuture.supplyAsync(() -> post(hub), clients));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> answer : burst) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }

            // then five are placed, each answered with its own order, and three refused with the cap's code
            List<HttpResponse<String>> placed = answers.stream().filter(r -> r.statusCode() == 201).toList();
            assertThat(placed).as(answers.stream().map(HttpResponse::body).toList().toString()).hasSize(5);
            assertThat(placed).allSatisfy(r -> assertThat(json.readTree(r.body()).path("status").asText()).isEqualTo("PENDING"));
            assertThat(answers).filteredOn(r -> r.statusCode() != 201)
                    .allSatisfy(r -> assertThat(json.readTree(r.body()).path("code").asText()).isEqualTo("TOO_MANY_OPEN_ORDERS"));

            // and an order placed through one hub is paid through the other
            String id = json.readTree(placed.get(0).body()).path("id").asText();
            HttpResponse<String> paid = http.send(HttpRequest.newBuilder(secondHub("/api/orders/" + id + "/confirm"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", customer("user-c"))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
            assertThat(json.readTree(paid.body()).path("status").asText()).isEqualTo("CONFIRMED");
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aJobDueEverySecondRunsOnceForEachOfItsTimesWhicheverHubFiresIt() throws Exception {
        // given both hubs' schedulers on the one job store, and a job due every second
        Instant start = Instant.now();
        schedule("* * * * * ?");
        try {
            // when it has come due a number of times
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() ->
                    scheduledRunsSince(start).size() >= 8);
        } finally {
            schedule("0 30 3 * * ?");
        }

        // then each of its times was run by one hub only
        List<Map<String, Object>> runs = scheduledRunsSince(start);
        assertThat(runs.stream().map(run -> run.get("scheduled_for")).distinct().count())
                .as(runs.toString()).isEqualTo(runs.size());
        assertThat(runs).allSatisfy(run -> assertThat(run.get("result")).isIn("SUCCEEDED", "RUNNING"));
    }

    private void schedule(String cron) throws Exception {
        HttpResponse<String> changed = http.send(HttpRequest.newBuilder(hub("/api/scheduler/jobs/clean-processed-events/schedule"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", admin()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"cron\":\"" + cron + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    }

    private List<Map<String, Object>> scheduledRunsSince(Instant start) {
        return jdbc.queryForList("select scheduled_for, node, result from scheduler_run where job_name = 'clean-processed-events' "
                + "and kind = 'SCHEDULE' and started_at >= ?", Timestamp.from(start));
    }

    /** order-service's rule, as one atomic step: a customer's placement with limits may not pass them. */
    private synchronized Reply placeCapped(JsonNode placement) {
        String userId = placement.path("userId").asText();
        JsonNode limits = placement.path("openOrderLimits");
        long open = orders.values().stream()
                .filter(o -> o.path("userId").asText().equals(userId) && o.path("status").asText().equals("PENDING")).count();
        if (limits.isObject() && open >= limits.path("maxOpenOrders").asInt()) {
            return new Reply(409, "{\"status\":409,\"code\":\"TOO_MANY_OPEN_ORDERS\",\"openOrders\":" + open + "}");
        }
        ObjectNode order = json.createObjectNode().put("id", placement.path("orderId").asText()).put("userId", userId)
                .put("status", "PENDING").put("total", 9.50);
        orders.put(order.path("id").asText(), order);
        return new Reply(201, order.toString());
    }

    private HttpResponse<String> post(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", customer("user-c")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ORDER)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI secondHub(String path) {
        int port = ((WebServerApplicationContext) secondHub).getWebServer().getPort();
        return URI.create("http://localhost:" + port + path);
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
