package dev.souk.hub;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.souk.hub.downstream.ServiceCallRoutes;
import dev.souk.security.testing.TestTokens;
import dev.souk.security.testing.TestTokensConfiguration;

/**
 * One started hub shared by every test class (same configuration, so Spring caches the
 * context): Camunda engine and webapps, Hawtio, Camel routes, with every service the hub calls (user, product,
 * inventory, cart, order, payment, delivery, review, search and auth) played by real HTTP servers registered as static discovery
 * instances.
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
    protected static final FakeService USER_SERVICE = new FakeService("user-service");
    protected static final FakeService PAYMENT_SERVICE = new FakeService("payment-service");
    protected static final FakeService DELIVERY_SERVICE = new FakeService("delivery-service");
    protected static final FakeService REVIEW_SERVICE = new FakeService("review-service");
    protected static final FakeService SEARCH_SERVICE = new FakeService("search-service");
    /** Hands out the hub's SERVICE token, as the auth-service does for client credentials. */
    protected static final FakeService AUTH_SERVICE = new FakeService("auth-service");
    protected static final String HUB_SERVICE_TOKEN = TestTokens.service();

    @DynamicPropertySource
    static void downstreamServices(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.product-service[0].uri", PRODUCT_SERVICE::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", INVENTORY_SERVICE::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.cart-service[0].uri", CART_SERVICE::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.order-service[0].uri", ORDER_SERVICE::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri", USER_SERVICE::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.payment-service[0].uri", PAYMENT_SERVICE::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.delivery-service[0].uri", DELIVERY_SERVICE::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.review-service[0].uri", REVIEW_SERVICE::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.search-service[0].uri", SEARCH_SERVICE::uri);
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

    @Autowired
    private CamelContext hubCamel;

    /** Every test starts with every service's circuit breaker closed, whatever the one before did to it. */
    @AfterEach
    void closeEveryBreaker() {
        for (String service : ServiceCallRoutes.SERVICES) {
            ResilienceProcessor breaker = hubCamel.getProcessor(ServiceCallRoutes.breakerOf(service), ResilienceProcessor.class);
            if (breaker != null) {
                breaker.transitionToCloseState();
            }
        }
    }

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
