package dev.souk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.souk.security.testing.TestTokens;
import dev.souk.security.testing.TestTokensConfiguration;

/** The edge's checks: tokens, roles per route, the caller passed on, rate limits, CORS and security headers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "spring.cloud.config.enabled=false",
        "souk.gateway.routes.products=test-upstream",
        "souk.gateway.routes.orders=test-upstream",
        "souk.gateway.routes.auth=test-upstream",
        "souk.gateway.rate-limit.user=5/1s",
        "souk.gateway.rate-limit.ip=20/1s",
        "souk.gateway.rate-limit.auth=3/2s",
        "souk.security.admin.password=ops-secret-123",
        "souk.security.cors-origins=https://shop.example",
})
@Import(TestTokensConfiguration.class)
class GatewaySecurityTests extends GatewayTestSupport {

    static Stream<Arguments> badTokens() {
        Stream<Arguments> refused = TestTokens.refused().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
        return refused;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsRefusedAtTheEdgeAndNeverReachesAService(String kind, String token) throws Exception {
        int before = UPSTREAM.requests();

        HttpResponse<String> response = send(request("/api/orders/ord-1").header("Authorization", TestTokens.bearer(token)).GET());

        assertThat(response.statusCode()).as(kind).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        assertThat(response.body()).contains("\"code\":\"UNAUTHENTICATED\"");
        assertThat(UPSTREAM.requests()).isEqualTo(before);
    }

    @Test
    void withoutATokenOnlyPublicRoutesPass() throws Exception {
        int before = UPSTREAM.requests();
        HttpResponse<String> orders = send(request("/api/orders").GET());
        assertThat(orders.statusCode()).isEqualTo(401);
        assertThat(orders.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(UPSTREAM.requests()).isEqualTo(before);

        assertThat(send(request("/api/products/prod-1").GET()).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(200);
    }

    @Test
    void catalogWritesNeedTheAdminRole() throws Exception {
        int before = UPSTREAM.requests();
        HttpResponse<String> asCustomer = send(request("/api/products").header("Authorization", customer("user-w1"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"p\"}")));

        assertThat(asCustomer.statusCode()).isEqualTo(403);
        assertThat(asCustomer.body()).contains("\"code\":\"FORBIDDEN\"");
        assertThat(UPSTREAM.requests()).isEqualTo(before);

        HttpResponse<String> asAdmin = send(request("/api/products").header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"p\"}")));
        assertThat(asAdmin.statusCode()).isEqualTo(200);
    }

    @Test
    void theServiceSeesTheTokensUserNeverAHeaderTheClientMadeUp() throws Exception {
        String token = customer("user-real");
        HttpResponse<String> signedIn = send(request("/api/orders/ord-1").header("Authorization", token)
                .header("X-User-Id", "user-victim").GET());
        HttpResponse<String> anonymous = send(request("/api/products/prod-1").header("X-User-Id", "user-victim").GET());

        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.headers().firstValue("X-Echo-User-Id")).hasValue("user-real");
        assertThat(signedIn.headers().firstValue("X-Echo-Authorization")).hasValue(token);
        assertThat(anonymous.headers().firstValue("X-Echo-User-Id")).hasValue("null");
    }

    @Test
    void aBurstOverTheUserLimitIs429UntilTheWindowRefills() throws Exception {
        String token = customer("user-burst");
        int passed = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            HttpResponse<String> response = send(request("/api/orders/ord-1").header("Authorization", token).GET());
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                passed++;
            }
        }

        // the burst allowance, plus what refilled while the burst was being sent (5 per second)
        assertThat(passed).isBetween(5, 7);
        assertThat(refused).isNotNull();
        assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        // another user is not affected
        assertThat(send(request("/api/orders/ord-1").header("Authorization", customer("user-calm")).GET()).statusCode()).isEqualTo(200);

        Thread.sleep(1_100);
        assertThat(send(request("/api/orders/ord-1").header("Authorization", token).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void signInsAreLimitedPerAddressMoreStrictly() throws Exception {
        int status = 0;
        for (int i = 0; i < 4; i++) {
            status = send(request("/api/auth/login").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"x@example.com\",\"password\":\"guess\"}"))).statusCode();
        }
        assertThat(status).isEqualTo(429);
        Thread.sleep(2_100);
    }

    @Test
    void operationsEndpointsAreForTheAdmin() throws Exception {
        assertThat(send(request("/actuator/health").GET()).statusCode()).isEqualTo(200);
        assertThat(send(request("/actuator/loggers").GET()).statusCode()).isEqualTo(401);
        assertThat(send(request("/actuator/loggers").header("Authorization", customer("user-ops")).GET()).statusCode())
                .isEqualTo(403);
        assertThat(send(request("/actuator/loggers").header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString("admin:ops-secret-123".getBytes())).GET()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void corsAllowsTheConfiguredOriginOnlyAndPagesCarrySecurityHeaders() throws Exception {
        HttpResponse<String> allowed = send(request("/api/products").header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "GET").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> foreign = send(request("/api/products").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> map = send(request("/").GET());

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(foreign.body()).contains("\"code\":\"ORIGIN_NOT_ALLOWED\"");
        assertThat(map.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'"));
        assertThat(map.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(map.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
    }

    private static String customer(String userId) {
        return TestTokens.bearer(TestTokens.customer(userId));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
