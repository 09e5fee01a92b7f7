package dev.souk.hub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.souk.contracts.Topics;
import dev.souk.hub.FakeService;
import dev.souk.security.testing.TestTokens;
import dev.souk.security.testing.TestTokensConfiguration;

/**
 * The hub's delivery-events consumer on a real (embedded) broker: a delivered shipment moves its order's process on,
 * the same event delivered twice is handled once, a poison event ends on the dead-letter topic after bounded
 * retries, and the replay endpoint (admin only) puts it back. The user-events consumer gives a registered user their
 * profile in user-service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.config.enabled=false",
        "eureka.client.enabled=false",
        "souk.hub.events.enabled=true",
        "camel.component.kafka.brokers=${spring.embedded.kafka.brokers}",
        "spring.datasource.url=jdbc:h2:mem:hub-events-tests;DB_CLOSE_DELAY=-1"
})
@ActiveProfiles("test")
@EmbeddedKafka(kraft = true, partitions = 1, topics = {Topics.DELIVERY_EVENTS, "delivery-events.DLT", Topics.USER_EVENTS})
@Import(TestTokensConfiguration.class)
class DeliveryEventsTests {

    static final FakeService USER_SERVICE = new FakeService("user-service");
    static final FakeService AUTH_SERVICE = new FakeService("auth-service");
    /** The customer hears of the same events; whatever listens on this machine's usual port is never asked. */
    static final FakeService NOTIFICATION_SERVICE = new FakeService("notification-service");
    static final String HUB_TOKEN = TestTokens.service();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri", USER_SERVICE::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.notification-service[0].uri", NOTIFICATION_SERVICE::uri);
        NOTIFICATION_SERVICE.handle("POST", "/api/notifications/internal/events", request -> new FakeService.Reply(200, "{}"));
        registry.add("souk.security.client.token-uri", () -> AUTH_SERVICE.uri() + "/api/auth/token");
        AUTH_SERVICE.answerJson("/api/auth/token", 200,
                "{\"access_token\":\"" + HUB_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
    }

    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EmbeddedKafkaBroker broker;
    @LocalServerPort
    int port;

    private static boolean deployed;

    @BeforeAll
    static void resetDeployment() {
        deployed = false;
    }

    @Test
    void aDeliveredShipmentMovesItsOrderOnAndADuplicateChangesNothing() {
        deployProbe();
        String orderId = "ord-" + UUID.randomUUID();
        runtime.startProcessInstanceByKey("Process_DeliveryProbe", orderId);
        String eventId = UUID.randomUUID().toString();

        // when the delivered event arrives twice (a redelivery)
        send(eventId, orderId, "DELIVERED");
        send(eventId, orderId, "DELIVERED");

        // then the process moved on once and the event id is recorded once
        await().atMost(Duration.ofSeconds(30)).until(() ->
                runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).count() == 0);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                handledBy(DeliveryEventRoutes.CONSUMER, eventId) == 1);
        assertThat(deadLettersOf(eventId)).isZero();
    }

    @Test
    void aShipmentMovingOnWithoutArrivingIsPassedOverWithoutARecord() {
        deployProbe();
        String orderId = "ord-" + UUID.randomUUID();
        runtime.startProcessInstanceByKey("Process_DeliveryProbe", orderId);
        String inTransit = UUID.randomUUID().toString();
        String delivered = UUID.randomUUID().toString();

        // when the shipment moves on and then arrives (one partition: the events are consumed in this order)
        send(inTransit, orderId, "IN_TRANSIT");
        send(delivered, orderId, "DELIVERED");

        // then the arrival moved the order on, and only the arrival is recorded
        await().atMost(Duration.ofSeconds(30)).until(() ->
                runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).count() == 0);
        assertThat(handledBy(DeliveryEventRoutes.CONSUMER, delivered)).isEqualTo(1);
        assertThat(handledBy(DeliveryEventRoutes.CONSUMER, inTransit)).isZero();
    }

    @Test
    void aPoisonEventIsDeadLetteredAndCanBeReplayed() throws Exception {
        deployProbe();
        String orderId = "ord-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();

        // when a delivery arrives for an order whose process is not (yet) waiting for it
        send(eventId, orderId, "DELIVERED");

        // then after bounded retries it is on the dead-letter topic, and not marked as processed
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLettersOf(eventId) == 1);
        assertThat(handledBy(DeliveryEventRoutes.CONSUMER, eventId)).isZero();

        // when the order's process is there and the dead letter is replayed
        runtime.startProcessInstanceByKey("Process_DeliveryProbe", orderId);
        HttpRequest.Builder anonymous = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/hub/dead-letters/delivery-events/replay"));
        assertThat(HttpClient.newHttpClient().send(anonymous.POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpResponse<String> replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/hub/dead-letters/delivery-events/replay"))
                .header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        // then the event is handled this time
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("\"replayed\":1");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).count() == 0);
    }

    @Test
    void aRegisteredUserGetsTheirProfileOnceWithTheHubsServiceToken() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String userId = "user-" + UUID.randomUUID();
        USER_SERVICE.answerJson("/api/users", 201, "{\"id\":\"" + userId + "\"}");
        String envelope = """
                {"eventId":"%s","type":"UserRegistered","version":1,"aggregateType":"user","aggregateId":"%s",
                 "occurredAt":"2026-01-01T00:00:00Z","payload":{"userId":"%s","email":"jane@example.com","fullName":"Jane Doe"}}"""
                .formatted(eventId, userId, userId);

        // when the event arrives twice (a redelivery)
        publish(Topics.USER_EVENTS, eventId, userId, envelope);
        publish(Topics.USER_EVENTS, eventId, userId, envelope);

        // then user-service is asked once, by the hub with its own SERVICE token
        await().atMost(Duration.ofSeconds(30)).until(() -> !profileCreations().isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> profileCreations().size() == 1
                && handledBy(UserEventRoutes.CONSUMER, eventId) == 1);
        assertThat(profileCreations()).singleElement()
                .satisfies(r -> {
                    assertThat(r.method()).isEqualTo("POST");
                    assertThat(r.authorization()).isEqualTo("Bearer " + HUB_TOKEN);
                });
    }

    @Test
    void healthAnswersAtOnceWhileEveryConsumerWaitsForEvents() throws Exception {
        // given every subscription's consumer polling an idle broker
        // when the platform asks the hub's health (the local stack and every orchestrator do, with a short timeout)
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // then it answers UP without waiting for a poll of each consumer
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    /** Other consumers of the same topics (notifications, say) keep their own records: only this one's count. */
    private int handledBy(String consumer, String eventId) {
        return jdbc.queryForObject("select count(*) from processed_event where consumer = ? and event_id = ?",
                Integer.class, consumer, eventId);
    }

    private java.util.List<FakeService.Received> profileCreations() {
        return USER_SERVICE.received().stream().filter(r -> r.uri().getPath().equals("/api/users")).toList();
    }

    private void publish(String topic, String eventId, String key, String envelope) {
        Map<String, Object> props = KafkaTestUtils.producerProps(broker);
        try (var kafka = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, envelope);
            record.headers().add("eventId", eventId.getBytes(StandardCharsets.UTF_8));
            kafka.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void deployProbe() {
        if (!deployed) {
            repository.createDeployment().addClasspathResource("bpmn-test/delivery-probe.bpmn").deploy();
            deployed = true;
        }
    }

    private void send(String eventId, String orderId, String status) {
        String envelope = """
                {"eventId":"%s","type":"ShipmentStatusChanged","version":1,"aggregateType":"shipment","aggregateId":"%s",
                 "occurredAt":"2026-01-01T00:00:00Z","payload":{"shipmentId":"shp-1","orderId":"%s","userId":"user-123",
                 "previousStatus":"IN_TRANSIT","status":"%s","note":null}}""".formatted(eventId, orderId, orderId, status);
        publish(Topics.DELIVERY_EVENTS, eventId, orderId, envelope);
    }

    private long deadLettersOf(String eventId) {
        var props = KafkaTestUtils.consumerProps("dlt-probe-" + UUID.randomUUID(), "false", broker);
        props.put("auto.offset.reset", "earliest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(java.util.List.of("delivery-events.DLT"));
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
