package dev.souk.hub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.contracts.Topics;
import dev.souk.hub.FakeService;
import dev.souk.security.testing.TestTokens;
import dev.souk.security.testing.TestTokensConfiguration;

/**
 * The hub feeds notification-service (six topics) and review-service (three order topics) on a real (embedded) broker
 * with two partitions per topic: every event a customer hears about reaches notification-service once, with the hub's
 * token; an order confirmation reaches both services, whole, however the partitions fall; an event nobody acts on is
 * passed over; a refused hand-over ends on the dead-letter topic and is handled once replayed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.config.enabled=false",
        "eureka.client.enabled=false",
        "souk.hub.events.enabled=true",
        "camel.component.kafka.brokers=${spring.embedded.kafka.brokers}",
        "spring.datasource.url=jdbc:h2:mem:hub-notification-feed-tests;DB_CLOSE_DELAY=-1"
})
@ActiveProfiles("test")
@EmbeddedKafka(kraft = true, partitions = 2, topics = {Topics.USER_EVENTS, Topics.ORDER_CREATED, Topics.ORDER_CONFIRMED,
        Topics.ORDER_CANCELLED, Topics.ORDER_COMPLETED, Topics.PAYMENT_EVENTS, Topics.DELIVERY_EVENTS,
        "payment-events.DLT"})
@Import(TestTokensConfiguration.class)
class NotificationAndReviewFeedTests {

    static final FakeService NOTIFICATIONS = new FakeService("notification-service");
    static final FakeService REVIEWS = new FakeService("review-service");
    static final FakeService USERS = new FakeService("user-service");
    static final FakeService AUTH = new FakeService("auth-service");
    static final String HUB_TOKEN = TestTokens.service();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String NOTIFICATION_INGEST = "/api/notifications/internal/events";
    static final String REVIEW_INGEST = "/api/reviews/internal/order-events";
    /** While set, notification-service refuses every event (a bad deployment, say). */
    static final AtomicBoolean NOTIFICATIONS_REFUSE = new AtomicBoolean();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.notification-service[0].uri", NOTIFICATIONS::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.review-service[0].uri", REVIEWS::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri", USERS::uri);
        registry.add("souk.security.client.token-uri", () -> AUTH.uri() + "/api/auth/token");
        AUTH.answerJson("/api/auth/token", 200,
                "{\"access_token\":\"" + HUB_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
        USERS.handle("POST", "/api/users", request -> new FakeService.Reply(201, "{}"));
        NOTIFICATIONS.handle("POST", NOTIFICATION_INGEST, request -> NOTIFICATIONS_REFUSE.get()
                ? new FakeService.Reply(400, "{\"status\":400,\"code\":\"VALIDATION_FAILED\"}")
                : new FakeService.Reply(200, "{\"outcome\":\"CREATED\"}"));
        REVIEWS.handle("POST", REVIEW_INGEST, request -> new FakeService.Reply(200, "{\"outcome\":\"RECORDED\"}"));
    }

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;
    @LocalServerPort
    int port;

    @Test
    void everyConsumerRouteHasItsOwnIdAndConsumerGroup() {
        List<String> consumers = List.of(
                NotificationFeedRoutes.consumerOf(Topics.USER_EVENTS), NotificationFeedRoutes.consumerOf(Topics.ORDER_CREATED),
                NotificationFeedRoutes.consumerOf(Topics.ORDER_CONFIRMED), NotificationFeedRoutes.consumerOf(Topics.ORDER_CANCELLED),
                NotificationFeedRoutes.consumerOf(Topics.PAYMENT_EVENTS), NotificationFeedRoutes.consumerOf(Topics.DELIVERY_EVENTS),
                ReviewFeedRoutes.consumerOf(Topics.ORDER_CONFIRMED), ReviewFeedRoutes.consumerOf(Topics.ORDER_COMPLETED),
                ReviewFeedRoutes.consumerOf(Topics.ORDER_CANCELLED));

        assertThat(consumers).allSatisfy(consumer -> {
            var route = camel.getRoute(consumer);
            assertThat(route).as(consumer).isNotNull();
            assertThat(route.getEndpoint().getEndpointUri()).contains("groupId=integration-hub." + consumer);
        });
    }

    @Test
    void everyStepACustomerHearsAboutReachesNotificationServiceOnceWithTheHubsToken() throws Exception {
        // given one event of each kind a customer is told about, each delivered twice (a redelivery)
        String user = "user-" + shortId();
        String order = "order-" + shortId();
        Map<String, String> events = Map.of(
                Topics.USER_EVENTS, event("UserRegistered", user, "{\"userId\":\"" + user + "\",\"email\":\"a@example.com\",\"fullName\":\"A\"}"),
                Topics.ORDER_CREATED, event("OrderCreated", order, orderPayload(order, user)),
                Topics.ORDER_CONFIRMED, event("OrderConfirmed", order, orderPayload(order, user)),
                Topics.ORDER_CANCELLED, event("OrderCancelled", order, "{\"orderId\":\"" + order + "\",\"userId\":\"" + user
                        + "\",\"previousStatus\":\"CONFIRMED\",\"reason\":\"customer\"}"),
                Topics.PAYMENT_EVENTS, event("PaymentRefunded", "pay-1", "{\"paymentId\":\"pay-1\",\"orderId\":\"" + order
                        + "\",\"userId\":\"" + user + "\",\"amount\":10,\"currency\":\"USD\"}"),
                Topics.DELIVERY_EVENTS, event("ShipmentStatusChanged", order, "{\"shipmentId\":\"shp-1\",\"orderId\":\"" + order
                        + "\",\"userId\":\"" + user + "\",\"status\":\"PICKED_UP\"}"));

        // when
        events.forEach((topic, event) -> {
            publish(topic, event);
            publish(topic, event);
        });

        // then each reached notification-service exactly once, as sent, with the hub's own token
        List<String> eventIds = events.values().stream().map(NotificationAndReviewFeedTests::idOf).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> eventIds.stream().allMatch(id -> handedOver(NOTIFICATIONS, NOTIFICATION_INGEST, id).size() == 1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                eventIds.stream().allMatch(id -> handedOver(NOTIFICATIONS, NOTIFICATION_INGEST, id).size() == 1));
        for (String eventId : eventIds) {
            FakeService.Received received = handedOver(NOTIFICATIONS, NOTIFICATION_INGEST, eventId).get(0);
            assertThat(received.authorization()).isEqualTo("Bearer " + HUB_TOKEN);
            assertThat(JSON.readTree(received.body()).path("payload").path("userId").asText()).isEqualTo(user);
        }
    }

    @Test
    void everyOrderConfirmationReachesBothServicesWhicheverPartitionItIsOn() {
        // given confirmations of orders keyed differently, so they fall on both partitions
        List<String> events = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> event("OrderConfirmed", "order-" + shortId(), null))
                .toList();

        // when
        events.forEach(event -> publish(Topics.ORDER_CONFIRMED, event));

        // then notification-service and review-service each got every one of them, once
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String event : events) {
                assertThat(handedOver(NOTIFICATIONS, NOTIFICATION_INGEST, idOf(event))).hasSize(1);
                assertThat(handedOver(REVIEWS, REVIEW_INGEST, idOf(event))).hasSize(1);
            }
        });
    }

    @Test
    void completionsAndCancellationsReachReviewService() {
        // given
        String order = "order-" + shortId();
        String completed = event("OrderCompleted", order, "{\"orderId\":\"" + order + "\",\"userId\":\"user-1\"}");
        String cancelled = event("OrderCancelled", "order-" + shortId(), null);

        // when
        publish(Topics.ORDER_COMPLETED, completed);
        publish(Topics.ORDER_CANCELLED, cancelled);

        // then
        await().atMost(Duration.ofSeconds(60)).until(() -> handedOver(REVIEWS, REVIEW_INGEST, idOf(completed)).size() == 1
                && handedOver(REVIEWS, REVIEW_INGEST, idOf(cancelled)).size() == 1);
    }

    @Test
    void anEventNoCustomerHearsAboutIsPassedOverWithoutARecord() {
        // given a completed payment (the confirmation tells the customer) and a declined one
        String order = "order-" + shortId();
        String completed = event("PaymentCompleted", "pay-2", "{\"paymentId\":\"pay-2\",\"orderId\":\"" + order + "\",\"userId\":\"user-1\"}");
        String declined = event("PaymentDeclined", "pay-3", "{\"paymentId\":\"pay-3\",\"orderId\":\"" + order
                + "\",\"userId\":\"user-1\",\"amount\":5,\"reason\":\"card declined\"}");

        // when (one key: consumed in this order)
        publish(Topics.PAYMENT_EVENTS, order, completed);
        publish(Topics.PAYMENT_EVENTS, order, declined);

        // then only the decline was handed over and recorded
        await().atMost(Duration.ofSeconds(60)).until(() -> handedOver(NOTIFICATIONS, NOTIFICATION_INGEST, idOf(declined)).size() == 1);
        assertThat(handedOver(NOTIFICATIONS, NOTIFICATION_INGEST, idOf(completed))).isEmpty();
        assertThat(processed(idOf(completed))).isZero();
        assertThat(processed(idOf(declined))).isEqualTo(1);
    }

    @Test
    void aRefusedEventIsDeadLetteredAndHandledOnceReplayed() throws Exception {
        // given notification-service refuses events for now
        NOTIFICATIONS_REFUSE.set(true);
        String order = "order-" + shortId();
        String declined = event("PaymentDeclined", "pay-4", "{\"paymentId\":\"pay-4\",\"orderId\":\"" + order
                + "\",\"userId\":\"user-1\",\"amount\":5}");

        // when
        publish(Topics.PAYMENT_EVENTS, order, declined);

        // then after bounded retries it is on payment-events.DLT, and not recorded as handled
        await().atMost(Duration.ofSeconds(90)).until(() -> deadLettersOf("payment-events.DLT", idOf(declined)) == 1);
        assertThat(handedOver(NOTIFICATIONS, NOTIFICATION_INGEST, idOf(declined))).hasSize(6);
        assertThat(processed(idOf(declined))).isZero();

        // when notification-service accepts again and the administrator replays the dead letters
        NOTIFICATIONS_REFUSE.set(false);
        HttpResponse<String> replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/hub/dead-letters/payment-events/replay"))
                .header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        // then it is handed over once more and recorded
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(idOf(declined)) == 1
                && handedOver(NOTIFICATIONS, NOTIFICATION_INGEST, idOf(declined)).size() == 7);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String orderPayload(String order, String user) {
        return "{\"orderId\":\"" + order + "\",\"userId\":\"" + user + "\",\"total\":10,\"currency\":\"USD\","
                + "\"items\":[{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"quantity\":1}]}";
    }

    /** An envelope as the outbox relay writes it; a null payload is a plain order payload for {@code aggregateId}. */
    private static String event(String type, String aggregateId, String payload) {
        String body = payload != null ? payload : orderPayload(aggregateId, "user-1");
        return """
                {"eventId":"%s","type":"%s","version":1,"aggregateType":"test","aggregateId":"%s",
                 "occurredAt":"2026-01-01T00:00:00Z","payload":%s}""".formatted(UUID.randomUUID(), type, aggregateId, body);
    }

    private static String idOf(String event) {
        try {
            return JSON.readTree(event).path("eventId").asText();
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void publish(String topic, String event) {
        try {
            publish(topic, JSON.readTree(event).path("aggregateId").asText(), event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(String topic, String key, String event) {
        Map<String, Object> props = KafkaTestUtils.producerProps(broker);
        try (var kafka = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, event);
            record.headers().add("eventId", idOf(event).getBytes(StandardCharsets.UTF_8));
            kafka.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<FakeService.Received> handedOver(FakeService service, String path, String eventId) {
        return service.received().stream()
                .filter(r -> r.uri().getPath().equals(path) && r.body().contains(eventId))
                .toList();
    }

    private int processed(String eventId) {
        return jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class, eventId);
    }

    private long deadLettersOf(String topic, String eventId) {
        var props = KafkaTestUtils.consumerProps("dlt-probe-" + UUID.randomUUID(), "false", broker);
        props.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<String, String>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long found = 0;
            for (var record : KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(3))) {
                if (record.value().contains(eventId)) {
                    found++;
                }
            }
            return found;
        }
    }
}
