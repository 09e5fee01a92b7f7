package dev.souk.notification;

import dev.souk.kit.testing.PostgresTestDatabase;
import dev.souk.security.testing.TestTokens;
import dev.souk.security.testing.TestTokensConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.souk.notification.Events.newId;
import static dev.souk.notification.Events.orderConfirmed;
import static dev.souk.notification.Events.orderCreated;
import static dev.souk.notification.Events.shipment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the service on one PostgreSQL database, as in production: a customer connected to one gets, live and
 * in order, the notifications the other made, and resuming with Last-Event-ID loses and repeats nothing.
 */
class LiveStreamTests {

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoInstances() {
        String url = PostgresTestDatabase.recreate("souk_notification_live_test");
        first = start(url);
        second = start(url);
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aNotificationMadeByOneInstanceReachesAStreamOnTheOther() throws Exception {
        // given a customer's stream open on the second instance
        String user = newId("user");
        String order = newId("ord");
        try (SseClient stream = new SseClient(base(second) + "/api/notifications/stream", TestTokens.customer(user), null)) {
            assertThat(stream.status()).isEqualTo(200);

            // when the first instance handles their order's events
            ingest(first, orderCreated(order, user));
            ingest(first, orderConfirmed(order, user));
            ingest(first, shipment(order, user, "PICKED_UP"));

            // then they arrive on the stream, in order, named and numbered
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events().size() == 3);
            assertThat(stream.ids()).containsExactly("1", "2", "3");
            assertThat(stream.events()).allMatch(e -> "notification".equals(e.name()));
            assertThat(stream.events().get(1).data()).contains("\"kind\":\"ORDER_CONFIRMED\"").contains(order);
        }
    }

    @Test
    void resumingWithTheLastEventIdLosesAndRepeatsNothing() throws Exception {
        String user = newId("user");
        String order = newId("ord");
        ingest(first, orderCreated(order, user));
        ingest(first, orderConfirmed(order, user));

        // a first connection from the start sees both, then drops
        try (SseClient stream = new SseClient(base(first) + "/api/notifications/stream?lastEventId=0", TestTokens.customer(user), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events().size() == 2);
        }
        // while disconnected two more happen, on either instance
        ingest(second, shipment(order, user, "PICKED_UP"));
        ingest(first, shipment(order, user, "IN_TRANSIT"));

        // reconnecting to the other instance with Last-Event-ID 2 gets exactly 3 and 4, then what comes next
        try (SseClient resumed = new SseClient(base(second) + "/api/notifications/stream", TestTokens.customer(user), "2")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.events().size() == 2);
            ingest(first, shipment(order, user, "DELIVERED"));
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.events().size() == 3);
            assertThat(resumed.ids()).containsExactly("3", "4", "5");
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> resumed.events().size() == 3);
        }
    }

    @Test
    void aBrowserWithoutHeadersOpensItsStreamWithASingleUseTicket() throws Exception {
        String user = newId("user");
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(base(first) + "/api/notifications/stream-tickets"))
                .header("Authorization", "Bearer " + TestTokens.customer(user))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).isEqualTo(201);
        String ticket = issued.body().replaceAll(".*\"ticket\":\"([^\"]+)\".*", "$1");

        try (SseClient stream = new SseClient(base(second) + "/api/notifications/stream?lastEventId=0&ticket=" + ticket, null, null)) {
            assertThat(stream.status()).isEqualTo(200);
            ingest(second, orderCreated(newId("ord"), user));
            ingest(first, orderCreated(newId("ord"), "someone-else"));
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events().size() == 1);
            assertThat(stream.events().get(0).data()).contains("ORDER_PLACED");
        }
        // used once, never again
        HttpResponse<String> reused = http.send(HttpRequest.newBuilder(URI.create(base(first) + "/api/notifications/stream?ticket=" + ticket))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(reused.body()).contains("INVALID_STREAM_TICKET");
    }

    private void ingest(ConfigurableApplicationContext instance, String event) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base(instance) + "/api/notifications/internal/events"))
                .header("Authorization", "Bearer " + TestTokens.service())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static String base(ConfigurableApplicationContext instance) {
        return "http://127.0.0.1:" + ((ServletWebServerApplicationContext) instance).getWebServer().getPort();
    }

    private static ConfigurableApplicationContext start(String databaseUrl) {
        return new SpringApplicationBuilder(NotificationServiceApplication.class, TestTokensConfiguration.class)
                .run("--server.port=0", "--eureka.client.enabled=false", "--spring.cloud.config.enabled=false",
                        "--spring.cloud.config.import-check.enabled=false", "--spring.cloud.discovery.enabled=false",
                        "--souk.outbox.relay.enabled=false", "--souk.security.revocations.enabled=false",
                        "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + PostgresTestDatabase.USER,
                        "--spring.datasource.hikari.maximum-pool-size=5", "--souk.notifications.mail.smtp-url=",
                        "--logging.structured.format.console=");
    }
}
