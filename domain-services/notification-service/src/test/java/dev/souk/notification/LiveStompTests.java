package dev.souk.notification;

import dev.souk.security.testing.TestTokens;
import dev.souk.security.testing.TestTokensConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

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
 * Live notifications over STOMP on WebSocket: the session belongs to whoever its CONNECT frame proves (a token or a
 * single-use ticket), gets that customer's notifications in order and resumes from last-event-id, and can neither
 * subscribe to anything else nor send.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "spring.cloud.config.enabled=false",
        "spring.cloud.config.import-check.enabled=false",
        "spring.cloud.discovery.enabled=false",
        "souk.outbox.relay.enabled=false",
        "souk.security.revocations.enabled=false",
        "souk.notifications.mail.smtp-url=",
        "spring.datasource.url=jdbc:h2:mem:${random.uuid};DB_CLOSE_DELAY=-1",
        "logging.structured.format.console=",
})
@Import(TestTokensConfiguration.class)
class LiveStompTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aCustomerGetsTheirOwnNotificationsInOrderAndNobodyElses() throws Exception {
        // given a customer with one notification already, and a STOMP session proven by their token
        String user = newId("user");
        String order = newId("ord");
        ingest(orderCreated(order, user));
        try (StompClient stomp = new StompClient(ws(), "Authorization", "Bearer " + TestTokens.customer(user))) {
            await().atMost(Duration.ofSeconds(10)).until(stomp::connected);

            // when they subscribe from the start and their order moves on, while another customer orders too
            stomp.subscribe(StompClient.NOTIFICATIONS, "0");
            ingest(orderConfirmed(order, user));
            ingest(orderCreated(newId("ord"), newId("user")));
            ingest(shipment(order, user, "PICKED_UP"));

            // then they get exactly their three, in order, numbered by the stream
            await().atMost(Duration.ofSeconds(10)).until(() -> stomp.messages().size() >= 3);
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> stomp.messages().size() == 3);
            assertThat(stomp.messages()).extracting(frame -> kindOf(frame.body()))
                    .containsExactly("ORDER_PLACED", "ORDER_CONFIRMED", "ORDER_SHIPPED");
            assertThat(stomp.messageIds()).containsExactly("1", "2", "3");
            assertThat(stomp.messages()).allSatisfy(frame -> assertThat(frame.body()).contains(order));
            assertThat(stomp.errors()).isEmpty();
        }
    }

    @Test
    void resumingFromTheLastEventIdLosesAndRepeatsNothing() throws Exception {
        // given two notifications a first session saw
        String user = newId("user");
        String order = newId("ord");
        ingest(orderCreated(order, user));
        ingest(orderConfirmed(order, user));

        // when a second session subscribes from the first's last message-id and one more happens
        try (StompClient stomp = new StompClient(ws(), "Authorization", "Bearer " + TestTokens.customer(user))) {
            await().atMost(Duration.ofSeconds(10)).until(stomp::connected);
            stomp.subscribe(StompClient.NOTIFICATIONS, "1");
            ingest(shipment(order, user, "IN_TRANSIT"));

            // then it gets what came after, once
            await().atMost(Duration.ofSeconds(10)).until(() -> stomp.messages().size() == 2);
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> stomp.messages().size() == 2);
            assertThat(stomp.messageIds()).containsExactly("2", "3");
        }
    }

    @Test
    void withoutAValidTokenTheConnectIsRefused() {
        for (String[] proof : new String[][] {{}, {"Authorization", "Bearer " + TestTokens.expired()},
                {"Authorization", "Bearer not-a-token"}, {"X-User-Id", "user-a"}, {"ticket", "made-up"}}) {
            try (StompClient stomp = new StompClient(ws(), proof)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !stomp.errors().isEmpty());
                assertThat(stomp.connected()).as(String.join(" ", proof)).isFalse();
                assertThat(stomp.errors().get(0)).containsAnyOf("UNAUTHENTICATED", "INVALID_STREAM_TICKET");
            }
        }
    }

    @Test
    void aSingleUseTicketProvesTheSessionOnce() throws Exception {
        // given a ticket issued to a verified customer
        String user = newId("user");
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/notifications/stream-tickets"))
                .header("Authorization", "Bearer " + TestTokens.customer(user))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String ticket = issued.body().replaceAll(".*\"ticket\":\"([^\"]+)\".*", "$1");

        // when a session connects with it, then it gets that customer's notifications
        try (StompClient stomp = new StompClient(ws(), "ticket", ticket)) {
            await().atMost(Duration.ofSeconds(10)).until(stomp::connected);
            stomp.subscribe(StompClient.NOTIFICATIONS, null);
            ingest(orderCreated(newId("ord"), user));
            await().atMost(Duration.ofSeconds(10)).until(() -> stomp.messages().size() == 1);
        }
        // and a second session cannot use it again
        try (StompClient again = new StompClient(ws(), "ticket", ticket)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !again.errors().isEmpty());
            assertThat(again.errors().get(0)).contains("INVALID_STREAM_TICKET");
        }
    }

    @Test
    void aSessionMaySubscribeOnlyToItsOwnNotificationsAndSendsNothing() throws Exception {
        String user = newId("user");
        String other = newId("user");
        for (String destination : new String[] {"/user/" + other + "/queue/notifications", "/queue/notifications-user" + other,
                "/queue/notifications", "/topic/everything"}) {
            try (StompClient stomp = new StompClient(ws(), "Authorization", "Bearer " + TestTokens.customer(user))) {
                await().atMost(Duration.ofSeconds(10)).until(stomp::connected);

                stomp.subscribe(destination, "0");

                await().atMost(Duration.ofSeconds(10)).until(() -> !stomp.errors().isEmpty());
                assertThat(stomp.errors().get(0)).as(destination).contains("FORBIDDEN");
            }
        }
        try (StompClient stomp = new StompClient(ws(), "Authorization", "Bearer " + TestTokens.customer(user))) {
            await().atMost(Duration.ofSeconds(10)).until(stomp::connected);

            stomp.send("/user/" + other + "/queue/notifications", "{\"kind\":\"WELCOME\"}");

            await().atMost(Duration.ofSeconds(10)).until(() -> !stomp.errors().isEmpty());
            assertThat(stomp.errors().get(0)).contains("FORBIDDEN");
        }
    }

    private static String kindOf(String json) {
        return json.replaceAll(".*\"kind\":\"([A-Z_]+)\".*", "$1");
    }

    private void ingest(String event) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/notifications/internal/events"))
                .header("Authorization", "Bearer " + TestTokens.service())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private String ws() {
        return "ws://127.0.0.1:" + port + "/api/notifications/ws";
    }
}
