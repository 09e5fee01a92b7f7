package dev.souk.gateway;

import dev.souk.security.testing.TestTokens;
import dev.souk.security.testing.TestTokensConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Live connections through the edge with a short normal request timeout (1 s): a Server-Sent Events stream stays open
 * for as long as the service keeps sending, while any other request still ends at 1 s, and no more streams are open at
 * once than the gateway allows (here 1); a WebSocket upgrade is relayed
 * to the service instance found through discovery, messages pass whole both ways, closes are passed on, and a service
 * that cannot be reached answers the upgrade with 503.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "spring.cloud.config.enabled=false",
        "spring.mvc.async.request-timeout=1s",
        "souk.gateway.response-timeout-ms=5000",
        "souk.gateway.routes.live=live-upstream",
        "souk.gateway.routes.gone=gone-upstream",
        "souk.gateway.live.stream-paths=/api/live/stream",
        "souk.gateway.live.stream-timeout=30s",
        "souk.gateway.live.max-open-streams=1",
        "souk.gateway.live.web-socket-paths=/api/live/ws,/api/gone/ws",
})
@Import(TestTokensConfiguration.class)
class GatewayLiveConnectionTests {

    static final LiveUpstream UPSTREAM = new LiveUpstream();
    static final String TOKEN = TestTokens.customer("user-live");

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.live-upstream[0].uri", UPSTREAM::baseUri);
        registry.add("spring.cloud.discovery.client.simple.instances.gone-upstream[0].uri", TestUpstream::deadUri);
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        UPSTREAM.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aStreamStaysOpenPastTheNormalRequestTimeout() throws Exception {
        // given the service streams 8 events 300 ms apart (2.4 s, past the gateway's 1 s request timeout)
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 0);
        Instant opened = Instant.now();

        // when
        HttpResponse<Stream<String>> stream = client.send(HttpRequest.newBuilder(URI.create(gateway("/api/live/stream")))
                        .header("Authorization", "Bearer " + TOKEN).header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofLines());

        // then every event arrives on the one stream as the service sends it (not held back until the stream ends),
        // the last well after the normal timeout
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> data = new ArrayList<>();
        List<Instant> arrivals = new ArrayList<>();
        try (Stream<String> lines = stream.body()) {
            lines.filter(line -> line.startsWith("data:")).forEach(line -> {
                data.add(line);
                arrivals.add(Instant.now());
            });
        }
        assertThat(data).hasSize(LiveUpstream.STREAM_EVENTS).last().isEqualTo("data: event " + LiveUpstream.STREAM_EVENTS);
        assertThat(Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1))).isGreaterThan(Duration.ofMillis(1000));
        assertThat(Duration.between(opened, Instant.now())).isGreaterThan(Duration.ofMillis(2000));
    }

    @Test
    void noMoreStreamsAreOpenAtOnceThanAllowed() throws Exception {
        // given one stream open (the most this gateway allows)
        HttpResponse<Stream<String>> first = openStream();
        assertThat(first.statusCode()).isEqualTo(200);

        // when another is asked for
        HttpResponse<Stream<String>> second = openStream();

        // then it is refused for now, with when to retry
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        second.body().close();

        // and once the first has ended, a stream opens again
        try (Stream<String> lines = first.body()) {
            assertThat(lines.filter(line -> line.startsWith("data:")).count()).isEqualTo(LiveUpstream.STREAM_EVENTS);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 0);
        HttpResponse<Stream<String>> again = openStream();
        assertThat(again.statusCode()).isEqualTo(200);
        try (Stream<String> lines = again.body()) {
            assertThat(lines.filter(line -> line.startsWith("data:")).count()).isEqualTo(LiveUpstream.STREAM_EVENTS);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 0);
    }

    private double openStreams() {
        return meters.get("souk.gateway.live.streams.open").gauge().value();
    }

    private HttpResponse<Stream<String>> openStream() throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(gateway("/api/live/stream")))
                        .header("Authorization", "Bearer " + TOKEN).header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    @Test
    void anyOtherRequestStillEndsAtTheNormalTimeout() throws Exception {
        // given a service that answers only much later
        Instant sent = Instant.now();

        // when
        HttpResponse<String> slow = client.send(HttpRequest.newBuilder(URI.create(gateway("/api/live/slow")))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // then the gateway gave up after its 1 s
        assertThat(slow.statusCode()).isEqualTo(503);
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aWebSocketIsRelayedToTheServiceWholeAndBothWays() throws Exception {
        // given
        Messages received = new Messages();

        // when a client opens a WebSocket through the gateway, speaking STOMP 1.2
        WebSocket socket = client.newWebSocketBuilder()
                .header("Authorization", "Bearer " + TOKEN)
                .subprotocols("v12.stomp")
                .buildAsync(URI.create(gateway("/api/live/ws?ticket=t-1").replace("http", "ws")), received)
                .get(10, TimeUnit.SECONDS);

        // then the service accepted the sub-protocol and saw the query and the client's address, not its credentials
        assertThat(socket.getSubprotocol()).isEqualTo("v12.stomp");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.texts.size() == 1);
        assertThat(received.texts.get(0)).isEqualTo("hello query=ticket=t-1 forwarded-for=true authorization=false");

        // when it sends a short message and one larger than a WebSocket's default buffer
        String large = "x".repeat(20_000);
        socket.sendText("ping-1", true).get(5, TimeUnit.SECONDS);
        socket.sendText(large, true).get(5, TimeUnit.SECONDS);

        // then both come back whole, in order
        await().atMost(Duration.ofSeconds(10)).until(() -> received.texts.size() == 3);
        assertThat(received.texts.get(1)).isEqualTo("echo:ping-1");
        assertThat(received.texts.get(2)).isEqualTo("echo:" + large);

        // when the service closes, the client is closed with the service's status
        socket.sendText("close", true).get(5, TimeUnit.SECONDS);
        assertThat(received.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4000);
    }

    @Test
    void aClientClosingClosesTheServiceSide() throws Exception {
        // given an open relayed WebSocket
        Messages received = new Messages();
        WebSocket socket = client.newWebSocketBuilder().header("Authorization", "Bearer " + TOKEN)
                .buildAsync(URI.create(gateway("/api/live/ws").replace("http", "ws")), received)
                .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.texts.size() == 1);
        int closesBefore = LiveUpstream.CLOSE_CODES_SEEN.size();

        // when the client closes it
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);

        // then the service side is closed normally too
        await().atMost(Duration.ofSeconds(10)).until(() -> LiveUpstream.CLOSE_CODES_SEEN.size() > closesBefore);
        assertThat(LiveUpstream.CLOSE_CODES_SEEN.get(closesBefore)).isEqualTo(1000);
    }

    @Test
    void aServiceThatCannotBeReachedAnswersTheUpgradeWith503() {
        // when
        Throwable refused = catchThrowable(() -> client.newWebSocketBuilder().header("Authorization", "Bearer " + TOKEN)
                .buildAsync(URI.create(gateway("/api/gone/ws").replace("http", "ws")), new Messages())
                .join());

        // then
        assertThat(refused).isInstanceOf(CompletionException.class).cause().isInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> answer = ((WebSocketHandshakeException) refused.getCause()).getResponse();
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aWebSocketNeedsWhatAnyRequestOnItsPathNeeds() {
        // when an anonymous client opens one on a path that requires a signed-in caller
        Throwable refused = catchThrowable(() -> client.newWebSocketBuilder()
                .buildAsync(URI.create(gateway("/api/live/ws").replace("http", "ws")), new Messages())
                .join());

        // then the gateway's security answers before any relay
        assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(401);
    }

    private String gateway(String path) {
        return "http://localhost:" + port + path;
    }

    /** Collects whole text messages and the close code. */
    static final class Messages implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }
}
