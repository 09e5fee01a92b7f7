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
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One started hub shared by every test class (same configuration, so Spring caches the
 * context): Camunda engine and webapps, Hawtio, Camel routes, with product-service and
 * inventory-service played by real HTTP servers registered as static discovery instances.
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
public abstract class HubTestSupport {

    protected static final FakeService PRODUCT_SERVICE = new FakeService("product-service");
    protected static final FakeService INVENTORY_SERVICE = new FakeService("inventory-service");
    protected static final FakeService CART_SERVICE = new FakeService("cart-service");

    @DynamicPropertySource
    static void downstreamServices(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.product-service[0].uri", PRODUCT_SERVICE::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", INVENTORY_SERVICE::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.cart-service[0].uri", CART_SERVICE::uri);
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

    protected URI hub(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
