package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's step 1 through the gateway: items are validated against the catalog and stock before they reach the
 * cart, and checkout turns the cart into an order through the same order process as POST /api/orders. Every step
 * is on the real cart-events topic.
 */
@ExtendWith(SoukStack.class)
class CartFlowsIT {

    private static final String GATEWAY = "http://localhost:8080";

    /** A customer who has just registered: the cart is theirs by their token, not by a header they could forge. */
    private final Http http = Http.newCustomer();

    @Test
    void addChangeRefuseAndCheckOut() {
        clearCart();

        // add, add more of the same variant, change the quantity
        HttpResponse<String> added = cart("POST", "/api/cart/items", "{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"quantity\":1}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String itemId = Http.json(added).path("itemId").asText();
        assertThat(cart("POST", "/api/cart/items", "{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"quantity\":1}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> changed = cart("PUT", "/api/cart/items/" + itemId, "{\"quantity\":3}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

        // what the catalog or the stock cannot back is refused, and the cart is unchanged
        HttpResponse<String> tooMany = cart("POST", "/api/cart/items", "{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"quantity\":9000}");
        assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(409);
        assertThat(Http.json(tooMany).path("code").asText()).isEqualTo("OUT_OF_STOCK");
        HttpResponse<String> unknown = cart("POST", "/api/cart/items", "{\"productId\":\"prod-404\",\"variantId\":\"v\",\"quantity\":1}");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        HttpResponse<String> bad = cart("POST", "/api/cart/items", "{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"quantity\":0}");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode cart = Http.json(cart("GET", "/api/cart", null));
        assertThat(cart.path("items")).hasSize(1);
        assertThat(cart.path("items").get(0).path("quantity").asInt()).isEqualTo(3);
        String cartId = cart.path("id").asText();

        // checkout: one order with the cart's items, and the cart is empty afterwards
        HttpResponse<String> checkout = cart("POST", "/api/cart/checkout", "{\"shippingAddress\":\"123 Main St\",\"paymentMethodId\":\"pm_abc\"}");
        assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);
        JsonNode order = Http.json(checkout);
        assertThat(order.path("status").asText()).isEqualTo("PENDING");
        assertThat(order.path("items").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(Http.json(cart("GET", "/api/cart", null)).path("items")).isEmpty();

        // each step is on cart-events
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(cartEventTypes(cartId))
                .contains("CartItemAdded", "CartItemChanged", "CartCheckedOut"));
        http.send(Http.request(GATEWAY + "/api/orders/" + order.path("id").asText() + "/cancel")
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void anEmptyCartCannotBeCheckedOut() {
        clearCart();
        HttpResponse<String> checkout = cart("POST", "/api/cart/checkout", "{\"shippingAddress\":\"123 Main St\"}");
        assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(409);
        assertThat(Http.json(checkout).path("code").asText()).isEqualTo("CART_EMPTY");
    }

    @Test
    void aGuestCartBecomesTheCustomersCartWhenTheySignIn() {
        Http guest = new Http();
        HttpResponse<String> started = guest.send(Http.request(GATEWAY + "/api/cart").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(started.statusCode()).as(started.body()).isIn(200, 201);
        String guestCart = Http.json(started).path("id").asText();
        HttpResponse<String> added = guest.send(Http.request(GATEWAY + "/api/cart/items").header("X-Cart-Id", guestCart)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"productId\":\"prod-3\",\"variantId\":\"var-6\",\"quantity\":1}")).build());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

        // a guest cannot check out
        HttpResponse<String> guestCheckout = guest.send(Http.request(GATEWAY + "/api/cart/checkout").header("X-Cart-Id", guestCart)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"shippingAddress\":\"1 Road\"}")).build());
        assertThat(guestCheckout.statusCode()).isEqualTo(401);

        clearCart();
        HttpResponse<String> merged = cart("POST", "/api/cart/merge", "{\"anonymousCartId\":\"" + guestCart + "\"}");
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        assertThat(Http.json(cart("GET", "/api/cart", null)).path("items").findValuesAsText("productId")).containsExactly("prod-3");
        clearCart();
    }

    private void clearCart() {
        cart("DELETE", "/api/cart", null);
    }

    private HttpResponse<String> cart(String method, String path, String body) {
        HttpRequest.Builder request = Http.request(GATEWAY + path).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build());
    }

    private static List<String> cartEventTypes(String cartId) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                ConsumerConfig.GROUP_ID_CONFIG, "cart-flows-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> types = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("cart-events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    JsonNode event = Http.json(record.value());
                    if (cartId.equals(event.path("aggregateId").asText())) {
                        types.add(event.path("type").asText());
                    }
                });
            }
        }
        return types;
    }
}
