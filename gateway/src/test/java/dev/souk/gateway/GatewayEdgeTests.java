package dev.souk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.security.testing.TestTokens;
import dev.souk.security.testing.TestTokensConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "spring.cloud.config.enabled=false",
        "souk.gateway.connect-timeout-ms=500",
        "souk.gateway.response-timeout-ms=1000",
        "souk.http.max-body-size=256KB",
        "souk.gateway.routes.echo=test-upstream",
        "souk.gateway.routes.slow=test-upstream",
        "souk.gateway.routes.dead=dead-upstream",
        "souk.gateway.routes.ghost=ghost-service",
        "souk.gateway.services.echo-test.name=Echo",
        "souk.gateway.services.echo-test.service-id=test-upstream",
        "souk.gateway.services.dead-test.name=Dead",
        "souk.gateway.services.dead-test.service-id=dead-upstream",
        "souk.gateway.services.restart-test.name=Restarting",
        "souk.gateway.services.restart-test.service-id=restarting-upstream",
})
@Import(TestTokensConfiguration.class)
class GatewayEdgeTests extends GatewayTestSupport {

    /** The keys the service map's DOM contract promises. */
    private static final List<String> MAP_KEYS = List.of("users", "auth", "products", "cart", "orders", "payments",
            "inventory", "delivery", "notifications", "search", "reviews", "recommendations", "analytics", "reports",
            "pipeline", "registry", "gateway", "config", "monitoring", "logging", "audit", "backup", "scheduler",
            "cockpit", "hawtio", "hub");

    @Autowired
    ObjectMapper objectMapper;

    @DynamicPropertySource
    static void deadUpstream(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.dead-upstream[0].uri", TestUpstream::deadUri);
        registry.add("spring.cloud.discovery.client.simple.instances.restarting-upstream[0].uri", TestUpstream::deadUri);
        // the local stack's supervisor says it is starting this one again
        registry.add("souk.gateway.health.restarting-file", () -> {
            try {
                java.nio.file.Path file = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"))
                        .resolve("stack-status");
                return java.nio.file.Files.writeString(file, "restarting-upstream\n").toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // whatever runs on this machine's usual ports, the map's cart node must find nothing there
        registry.add("spring.cloud.discovery.client.simple.instances.cart-service[0].uri", TestUpstream::deadUri);
    }

    @Test
    void aServiceThatIsUnavailablePassesItsAnswerOnAtOnceWithoutARetry() throws Exception {
        int before = TestUpstream.shared().unavailableRequests();

        HttpResponse<String> response = send(request("/api/echo/unavailable").GET().build());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(header(response, "Retry-After")).isEqualTo("5");
        assertThat(objectMapper.readTree(response.body()).path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        // the client decides when to retry: the gateway asked once and did not wait the Retry-After itself
        assertThat(TestUpstream.shared().unavailableRequests()).isEqualTo(before + 1);
    }

    @Test
    void securityHeadersThatTheServiceAlsoSendsAppearOnce() throws Exception {
        HttpResponse<String> response = send(request("/api/echo/headers").GET().build());

        assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(response.headers().allValues("X-Frame-Options")).hasSize(1);
    }

    @Test
    void theErrorPageAndAnEncodedSlashAnswerProblems() throws Exception {
        HttpResponse<String> errorPage = send(request("/error").GET().build());
        HttpResponse<String> encodedSlash = send(request("/api/echo/a%2Fb").GET().build());

        assertThat(errorPage.statusCode()).isEqualTo(404);
        assertThat(objectMapper.readTree(errorPage.body()).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(encodedSlash.statusCode()).isEqualTo(400);
        assertThat(header(encodedSlash, "Content-Type")).startsWith("application/problem+json");
        assertThat(encodedSlash.body()).doesNotContain("<html");
    }

    @Test
    void getPassesStatusHeadersAndRawQueryThroughUnchanged() throws Exception {
        HttpResponse<String> response = send(request("/api/echo/items/42?page=2&q=a%20b&tag=x&tag=y")
                .header("X-Foo", "bar").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-Echo-Method")).isEqualTo("GET");
        assertThat(header(response, "X-Echo-Path")).isEqualTo("/api/echo/items/42");
        assertThat(header(response, "X-Echo-Query")).isEqualTo("page=2&q=a%20b&tag=x&tag=y");
        assertThat(header(response, "X-Echo-Foo")).isEqualTo("[bar]");
        // query parameters must not turn into request headers on the way
        assertThat(header(response, "X-Echo-Page-Header")).isEqualTo("null");
        assertThat(header(response, "X-Echo-Forwarded-For")).isNotEqualTo("null");
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1; Path=/", "b=2; Path=/");
        assertThat(header(response, "Cache-Control")).isEqualTo("max-age=60");
    }

    @Test
    void postPassesABinaryBodyAndTheStatusBothWays() throws Exception {
        byte[] body = new byte[64 * 1024];
        new Random(7).nextBytes(body);

        HttpResponse<byte[]> response = client.send(request("/api/echo/upload")
                .header("Content-Type", "application/octet-stream")
                .header("X-Want-Status", "201")
                .POST(BodyPublishers.ofByteArray(body)).build(), BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Echo-Method")).contains("POST");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void putPassesAJsonBodyThrough() throws Exception {
        String json = "{\"name\":\"Çay glass\",\"price\":4.5}";

        HttpResponse<String> response = send(request("/api/echo/products/p-1")
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-Echo-Method")).isEqualTo("PUT");
        assertThat(header(response, "Content-Type")).startsWith("application/json");
        assertThat(response.body()).isEqualTo(json);
    }

    @Test
    void deleteAnswersWithTheServicesNoContent() throws Exception {
        HttpResponse<String> response = send(request("/api/echo/products/p-1")
                .header("X-Want-Status", "204").DELETE().build());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(header(response, "X-Echo-Method")).isEqualTo("DELETE");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void headAndRedirectsAreTheServicesOwn() throws Exception {
        HttpResponse<String> head = send(request("/api/echo/items/1").method("HEAD", BodyPublishers.noBody()).build());
        HttpResponse<String> moved = send(request("/api/echo/moved").GET().build());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(header(head, "X-Echo-Method")).isEqualTo("HEAD");
        assertThat(head.body()).isEmpty();
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(header(moved, "Location")).isEqualTo("/api/echo/elsewhere");
    }

    @Test
    void aProblemFromTheServicePassesUnchanged() throws Exception {
        HttpResponse<String> response = send(request("/api/echo/problem").GET().build());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.body()).isEqualTo(TestUpstream.PROBLEM);
    }

    @Test
    void hopByHopHeadersDoNotReachTheService() throws Exception {
        HttpResponse<String> response = send(request("/api/echo/x")
                .header("Proxy-Authorization", "Basic c2VjcmV0").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-Echo-Proxy-Authorization")).isEqualTo("null");
    }

    @Test
    void aServiceThatIsDownAnswers503ProblemWithRetryAfterAtOnce() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = send(request("/api/dead/things").GET().build());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertServiceUnavailable(response, "dead-upstream");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aServiceNobodyRegisteredAnswers503Problem() throws Exception {
        HttpResponse<String> response = send(request("/api/ghost/things").POST(BodyPublishers.ofString("{}")).build());

        assertServiceUnavailable(response, "ghost-service");
    }

    @Test
    void aSlowServiceAnswers503ProblemWithinTheTimeout() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = send(request("/api/slow/report").GET().build());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertServiceUnavailable(response, "test-upstream");
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
    }

    @Test
    void anUnknownApiPathAnswers404Problem() throws Exception {
        HttpResponse<String> response = send(request("/api/nothing-here/1").GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = objectMapper.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("instance").asText()).isEqualTo("/api/nothing-here/1");
    }

    @Test
    void anUnknownPagePathAnswers404ProblemToo() throws Exception {
        HttpResponse<String> response = send(request("/no-such-page.html").GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(objectMapper.readTree(response.body()).path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void anOversizeBodyAnswers413Problem() throws Exception {
        byte[] body = new byte[300 * 1024];

        HttpResponse<String> declared = send(request("/api/echo/upload")
                .POST(BodyPublishers.ofByteArray(body)).build());
        HttpResponse<String> chunked = send(request("/api/echo/upload")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

        for (HttpResponse<String> response : List.of(declared, chunked)) {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
            assertThat(objectMapper.readTree(response.body()).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void aChunkedBodyWithinTheLimitPassesThrough() throws Exception {
        byte[] body = "chunked but small".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(request("/api/echo/upload").header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("chunked but small");
    }

    @Test
    void theRootServesTheServiceMapWithEveryNode() throws Exception {
        HttpResponse<String> page = send(request("/").GET().build());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(header(page, "Content-Type")).startsWith("text/html");
        for (String key : MAP_KEYS) {
            assertThat(page.body()).contains("class=\"svc\" data-service=\"" + key + "\"");
        }
        assertThat(page.body()).contains("href=\"/api/users/swagger-ui/index.html\"")
                .contains("href=\"/api/inventory/v3/api-docs\"")
                .contains("http://localhost:8090/camunda/")
                .contains("prefers-color-scheme");
        assertThat(send(request("/map.js").GET().build()).body()).contains("data-health-loaded");
        assertThat(send(request("/map.css").GET().build()).statusCode()).isEqualTo(200);
    }

    @Test
    void platformServicesReportsLiveHealthOfEveryNode() throws Exception {
        HttpResponse<String> response = send(request("/api/platform/services").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Content-Type")).startsWith("application/json");
        JsonNode services = objectMapper.readTree(response.body());
        Map<String, String> statusByKey = new java.util.HashMap<>();
        List<String> keys = new ArrayList<>();
        StreamSupport.stream(services.spliterator(), false).forEach(service -> {
            keys.add(service.path("key").asText());
            statusByKey.put(service.path("key").asText(), service.path("status").asText());
        });
        assertThat(keys).containsAll(MAP_KEYS);
        assertThat(statusByKey).containsEntry("echo-test", "UP")
                .containsEntry("dead-test", "DOWN")
                .containsEntry("restart-test", "RESTARTING")
                .containsEntry("gateway", "UP")
                .containsEntry("cart", "DOWN")
                .containsEntry("analytics", "PLANNED");
        assertThat(statusByKey.values()).allMatch(List.of("UP", "DOWN", "RESTARTING", "UNKNOWN", "PLANNED")::contains);
        JsonNode users = StreamSupport.stream(services.spliterator(), false)
                .filter(service -> service.path("key").asText().equals("users")).findFirst().orElseThrow();
        assertThat(users.path("path").asText()).isEqualTo("users");
        assertThat(users.path("serviceId").asText()).isEqualTo("user-service");
        assertThat(users.path("link").asText()).isEqualTo("/api/users/swagger-ui/index.html");
    }

    private void assertServiceUnavailable(HttpResponse<String> response, String serviceId) throws Exception {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(header(response, "Retry-After")).isEqualTo("5");
        JsonNode problem = objectMapper.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asText()).contains(serviceId);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** As a signed-in customer: the edge's routing is what these tests are about (GatewaySecurityTests: the rest). */
    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", TestTokens.bearer(TestTokens.customer("user-edge")));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
