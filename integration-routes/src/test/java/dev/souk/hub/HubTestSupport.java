package dev.souk.hub;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.souk.security.testing.TestTokens;
import dev.souk.security.testing.TestTokensConfiguration;

/**
 * One started hub shared by every test class (same configuration, so Spring caches the
 * context): Camunda engine and webapps, Hawtio, Camel routes, with product-service and
 * inventory-service (and cart, order and auth) played by real HTTP servers registered as static discovery instances.
 * The hub trusts {@link TestTokens}; requests name their caller with an {@code Authorization} header.
 */
@CamelSpringBootTest
@DisableJmx(false)
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // no registry and no config server in tests (read before profiles, so not in application-test.yml)
        "spring.cloud.config.enabled=false",
        "eureka.client.enabled=false"
})
@ActiveProfiles("test")
@Import(TestTokensConfiguration.class)
public abstract class HubTestSupport {

    protected static final FakeService PRODUCT_SERVICE = new FakeService("product-service");
    protected static final FakeService INVENTORY_SERVICE = new FakeService("inventory-service");
    protected static final FakeService CART_SERVICE = new FakeService("cart-service");
    protected static final FakeService ORDER_SERVICE = new FakeService("order-service");
    /** Hands out the hub's SERVICE token, as the auth-service does for client credentials. */
    protected static final FakeService AUTH_SERVICE = new FakeService("auth-service");
    protected static final String HUB_SERVICE_TOKEN = TestTokens.service();

    @DynamicPropertySource
    static void downstreamServices(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.product-service[0].uri", PRODUCT_SERVICE::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", INVENTORY_SERVICE::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.cart-service[0].uri", CART_SERVICE::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.order-service[0].uri", ORDER_SERVICE::uri);
        registry.add("souk.security.client.token-uri", () -> AUTH_SERVICE.uri() + "/api/auth/token");
        answerServiceTokens();
    }

    /** The fake auth-service answers the hub's client-credentials request (call again after a reset). */
    protected static void answerServiceTokens() {
        AUTH_SERVICE.answerJson("/api/auth/token", 200,
                "{\"access_token\":\"" + HUB_SERVICE_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
    }

    /** {@code Authorization} value for a customer's access token. */
    protected static String customer(String userId) {
        return TestTokens.bearer(TestTokens.customer(userId));
    }

    protected static String admin() {
        return TestTokens.bearer(TestTokens.admin());
    }

    @LocalServerPort
    protected int port;

    protected final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    protected HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(hub(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET with an {@code Authorization} header. */
    protected HttpResponse<String> get(String path, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(hub(path)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected URI hub(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
