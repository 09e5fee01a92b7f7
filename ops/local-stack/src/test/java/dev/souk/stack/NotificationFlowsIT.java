package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A newcomer registers, buys, watches the notifications arrive in order through the gateway (on the Server-Sent Events
 * stream and on a STOMP WebSocket), reviews the product, and the catalog shows the new rating; nobody else sees their
 * notifications.
 */
@ExtendWith(SoukStack.class)
class NotificationFlowsIT {

    private static final String GATEWAY = "http://localhost:8080";
    private static final Duration HUB_FAN_OUT = Duration.ofSeconds(60);

    @Test
    void aNewcomerHearsEveryStepOfTheirOrderLiveAndReviewsWhatTheyBought() throws Exception {
        // given a newcomer listening to their notifications from the start
        Http newcomer = Http.newCustomer();
        List<String> streamed = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> stream = newcomer.client().send(Http.request(GATEWAY + "/api/notifications/stream?lastEventId=0")
                        .timeout(Duration.ofMinutes(5)).header("Authorization", newcomer.authorization())
                        .header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (Stream<String> lines = stream.body()) {
                lines.filter(line -> line.startsWith("data:")).forEach(streamed::add);
            } catch (UncheckedIOException closed) {
                // the stream is closed when the test ends
            }
        }, "notification-stream-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(HUB_FAN_OUT).untilAsserted(() -> assertThat(kinds(streamed)).containsExactly("WELCOME"));

        // when they buy the demo product
        HttpResponse<String> placed = newcomer.postJson(GATEWAY + "/api/orders", """
                {"userId":"%s","shippingAddress":"1 Souk Street","paymentMethodId":"pm_abc",
                 "items":[{"productId":"prod-1","variantId":"var-1","quantity":1}]}""".formatted(newcomer.userId()));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String order = Http.json(placed).path("id").asText();

        // then the stream tells them it is placed
        await().atMost(HUB_FAN_OUT).untilAsserted(() -> assertThat(kinds(streamed)).containsExactly("WELCOME", "ORDER_PLACED"));

        // when they pay
        HttpResponse<String> confirmed = newcomer.send(Http.request(GATEWAY + "/api/orders/" + order + "/confirm?paymentMethodId=pm_abc")
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);

        // then the stream tells them it is confirmed, after the rest, each once
        await().atMost(HUB_FAN_OUT).untilAsserted(() -> assertThat(kinds(streamed)).startsWith("WELCOME", "ORDER_PLACED", "ORDER_CONFIRMED"));
        assertThat(Http.json(streamed.get(2).substring(5)).path("orderId").asText()).isEqualTo(order);
        assertThat(kinds(streamed)).doesNotHaveDuplicates();

        // and a STOMP session through the gateway, proven by the token in its CONNECT frame, gets the same, in order
        try (StompOverWebSocket stomp = StompOverWebSocket.connect(GATEWAY, newcomer.authorization())) {
            stomp.subscribeToNotifications("0");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(kinds(stomp.bodies())).startsWith("WELCOME", "ORDER_PLACED", "ORDER_CONFIRMED"));
        }

        // and another customer sees none of it, neither asked for it nor live
        Http other = Http.newCustomer();
        JsonNode theirs = Http.json(other.getJson(GATEWAY + "/api/notifications?userId=" + newcomer.userId()));
        assertThat(theirs.path("code").asText()).isEqualTo("FORBIDDEN");
        try (StompOverWebSocket stomp = StompOverWebSocket.connect(GATEWAY, other.authorization())) {
            stomp.subscribeToNotifications("0");
            await().atMost(HUB_FAN_OUT).untilAsserted(() -> assertThat(kinds(stomp.bodies())).containsExactly("WELCOME"));
            assertThat(String.join("\n", stomp.bodies())).doesNotContain(order, newcomer.userId());
        }

        // when they review what they bought (the confirmation reached review-service through the hub)
        await().atMost(HUB_FAN_OUT).untilAsserted(() -> {
            HttpResponse<String> reviewed = newcomer.postJson(GATEWAY + "/api/reviews",
                    "{\"productId\":\"prod-1\",\"rating\":5,\"title\":\"Lovely\",\"body\":\"Just as described\"}");
            assertThat(reviewed.statusCode()).as(reviewed.body()).isIn(201, 409);
        });

        // then the catalog shows the rating
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode product = Http.json(new Http().getJson(GATEWAY + "/api/catalog/products/prod-1"));
            assertThat(product.path("ratingStale").asBoolean()).isFalse();
            assertThat(product.path("rating").path("count").asLong()).isPositive();
            assertThat(product.path("rating").path("histogram").path("5").asLong()).isPositive();
        });
        stream.body().close();
    }

    private static List<String> kinds(List<String> jsonOrDataLines) {
        return jsonOrDataLines.stream()
                .map(line -> Http.json(line.startsWith("data:") ? line.substring(5) : line).path("kind").asText())
                .toList();
    }

    /**
     * STOMP 1.2 spoken by hand over the JDK's WebSocket, as a browser library would: CONNECT with the token, SUBSCRIBE
     * to the customer's notifications, keep each MESSAGE body.
     */
    static final class StompOverWebSocket implements AutoCloseable, WebSocket.Listener {

        private final List<String> frames = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static StompOverWebSocket connect(String gateway, String authorization) throws Exception {
            StompOverWebSocket stomp = new StompOverWebSocket();
            stomp.socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                    .subprotocols("v12.stomp")
                    .buildAsync(URI.create(gateway.replace("http", "ws") + "/api/notifications/ws"), stomp)
                    .get(30, TimeUnit.SECONDS);
            stomp.socket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nAuthorization:"
                    + authorization + "\n\n\0", true).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> stomp.frames.stream().anyMatch(f -> f.startsWith("CONNECTED")));
            return stomp;
        }

        void subscribeToNotifications(String lastEventId) throws Exception {
            socket.sendText("SUBSCRIBE\nid:sub-0\ndestination:/user/queue/notifications\nlast-event-id:" + lastEventId
                    + "\n\n\0", true).get(10, TimeUnit.SECONDS);
        }

        List<String> bodies() {
            return frames.stream().filter(f -> f.startsWith("MESSAGE"))
                    .map(f -> f.substring(f.indexOf("\n\n") + 2).replace("\0", ""))
                    .toList();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.sendText("DISCONNECT\n\n\0", true);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
