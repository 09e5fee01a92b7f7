package dev.souk.hub.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.souk.hub.HubTestSupport;

/**
 * Adding to the cart through the hub with product-service, inventory-service and cart-service played by real HTTP
 * servers: the item is checked against catalog and stock first, and a product-service outage opens the circuit
 * (fast 503 with Retry-After, product-service no longer called), probes it half-open and closes when it is back.
 * The breaker settings of the test profile: a window of 4 calls, open after 50% failures, 1 s open, 2 probes.
 */
class CartValidationRoutesTests extends HubTestSupport {

    private static final String PROD_1 = """
            {"id":"prod-1","name":"Mug","category":"kitchen","currency":"USD","active":true,
             "variants":[{"id":"var-1","name":"Blue","price":9.50}]}""";
    private static final String ADD = "{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"quantity\":2}";

    private static boolean advised;

    @Autowired
    CamelContext camel;

    MockEndpoint cartCalled;

    @BeforeEach
    void playTheServices() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, "cart-service-call", route -> route.weaveAddFirst().to("mock:cart-called"));
            advised = true;
        }
        MockEndpoint.resetMocks(camel);
        cartCalled = camel.getEndpoint("mock:cart-called", MockEndpoint.class);
        PRODUCT_SERVICE.answerJson("/api/products/prod-1", 200, PROD_1);
        INVENTORY_SERVICE.answerJson("/api/inventory/check?productId=prod-1&variantId=var-1&quantity=2", 200,
                "{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"requested\":2,\"available\":5,\"inStock\":true}");
        INVENTORY_SERVICE.answerJson("/api/inventory/check?productId=prod-1&variantId=var-1&quantity=9", 200,
                "{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"requested\":9,\"available\":5,\"inStock\":false}");
        CART_SERVICE.answerJson("/api/cart", 200, "{\"id\":\"cart-1\",\"items\":[],\"version\":0}");
        CART_SERVICE.answerJson("/api/cart/items", 201, "{\"itemId\":\"item-1\",\"productId\":\"prod-1\",\"quantity\":2}");
    }

    @AfterEach
    void bringServicesBack() {
        camel.getProcessor("product-service-breaker", ResilienceProcessor.class).transitionToCloseState();
        PRODUCT_SERVICE.reset();
        INVENTORY_SERVICE.reset();
        CART_SERVICE.reset();
    }

    @Test
    void anItemInTheCatalogAndInStockReachesTheCartWithTheCatalogPrice() throws Exception {
        HttpResponse<String> added = add(ADD);

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String sent = CART_SERVICE.requests().toString();
        assertThat(sent).contains("/api/cart/items");
    }

    @Test
    void whatStockCannotBackIsRefusedBeforeTheCartIsTouched() throws Exception {
        HttpResponse<String> refused = add("{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"quantity\":9}");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("\"code\":\"OUT_OF_STOCK\"").contains("\"available\":5");
        assertThat(CART_SERVICE.requests()).noneMatch(uri -> uri.getPath().equals("/api/cart/items"));
    }

    @Test
    void anUnknownVariantOrBadInputIsRefused() throws Exception {
        assertThat(add("{\"productId\":\"prod-1\",\"variantId\":\"var-9\",\"quantity\":1}").statusCode()).isEqualTo(404);
        assertThat(add("{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"quantity\":0}").statusCode()).isEqualTo(400);
        assertThat(add("{\"productId\":").statusCode()).isEqualTo(400);
        assertThat(cartCalled.getReceivedCounter()).isZero();
    }

    @Test
    void theCartIsReadWithPriceChangesAndStaysReadableWhenTheCatalogIsDown() throws Exception {
        CART_SERVICE.answerJson("/api/cart", 200, """
                {"id":"cart-1","version":3,"items":[{"itemId":"item-1","productId":"prod-1","variantId":"var-1",
                 "unitPrice":8.00,"quantity":2}]}""");

        HttpResponse<String> fresh = get("/api/cart", customer("user-123"));
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.body()).contains("\"priceChanged\":true").contains("\"inStock\":true").contains("\"stale\":false");

        PRODUCT_SERVICE.stop();
        HttpResponse<String> stale = get("/api/cart", customer("user-123"));
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).contains("\"unitPrice\":8.0").contains("\"stale\":true");
    }

    @Test
    void productServiceDownOpensTheCircuitWhichProbesAndClosesWhenItIsBack() throws Exception {
        ResilienceProcessor breaker = camel.getProcessor("product-service-breaker", ResilienceProcessor.class);
        assertThat(breaker.getCircuitBreakerState()).isEqualTo("CLOSED");

        // product-service goes down: every add fails fast with 503 + Retry-After until the circuit opens
        PRODUCT_SERVICE.stop();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> refused = add(ADD);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        }
        assertThat(breaker.getCircuitBreakerState()).isEqualTo("OPEN");
        assertThat(get("/actuator/prometheus", admin()).body())
                .contains("souk_hub_circuit_breaker_state{application=\"integration-hub\",breaker=\"product-service-breaker\"} 1.0");

        // while open, product-service is not even called
        PRODUCT_SERVICE.reset();
        PRODUCT_SERVICE.answerJson("/api/products/prod-1", 200, PROD_1);
        assertThat(add(ADD).statusCode()).isEqualTo(503);
        assertThat(PRODUCT_SERVICE.requests()).isEmpty();

        // after the wait the circuit half-opens; the probes succeed and it closes
        await().atMost(Duration.ofSeconds(5)).until(() -> "HALF_OPEN".equals(breaker.getCircuitBreakerState()));
        assertThat(add(ADD).statusCode()).isEqualTo(201);
        assertThat(add(ADD).statusCode()).isEqualTo(201);
        assertThat(breaker.getCircuitBreakerState()).isEqualTo("CLOSED");
        assertThat(PRODUCT_SERVICE.requests()).hasSize(2);
    }

    private HttpResponse<String> add(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(hub("/api/cart/items")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", customer("user-123"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
