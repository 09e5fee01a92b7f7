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

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.contracts.Topics;
import dev.souk.hub.FakeService;
import dev.souk.security.testing.TestTokens;
import dev.souk.security.testing.TestTokensConfiguration;

/**
 * Every topic reaches the audit log on a real (embedded) broker: one consumer route and group per topic, each event
 * handed to audit-service once, whole and with its topic, with the hub's own token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.config.enabled=false",
        "eureka.client.enabled=false",
        "souk.hub.events.enabled=true",
        "souk.hub.audit-feed.enabled=true",
        "camel.component.kafka.brokers=${spring.embedded.kafka.brokers}",
        "spring.datasource.url=jdbc:h2:mem:hub-audit-feed-tests;DB_CLOSE_DELAY=-1"
})
@ActiveProfiles("test")
@EmbeddedKafka(kraft = true, partitions = 2, topics = {Topics.ORDER_CONFIRMED, Topics.SECURITY_EVENTS, Topics.AUTH_EVENTS,
        Topics.PRODUCT_EVENTS, Topics.OPERATIONS_EVENTS})
@Import(TestTokensConfiguration.class)
class AuditFeedTests {

    static final FakeService AUDIT = new FakeService("audit-service");
    static final FakeService AUTH = new FakeService("auth-service");
    static final String HUB_TOKEN = TestTokens.service();
    static final String INGEST = "/api/audit/internal/events";
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.audit-service[0].uri", AUDIT::uri);
        registry.add("souk.security.client.token-uri", () -> AUTH.uri() + "/api/auth/token");
        AUTH.answerJson("/api/auth/token", 200,
                "{\"access_token\":\"" + HUB_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
        AUDIT.handle("POST", INGEST, request -> new FakeService.Reply(200, "{\"outcome\":\"APPENDED\",\"sequence\":1}"));
    }

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    CamelContext camel;
    @LocalServerPort
    int port;

    @Test
    void everyTopicHasItsOwnAuditConsumerAndGroup() {
        assertThat(AuditFeedRoutes.TOPICS).containsAll(Topics.ALL).contains(Topics.AUTH_EVENTS, Topics.SECURITY_EVENTS,
                Topics.OPERATIONS_EVENTS);
        assertThat(AuditFeedRoutes.TOPICS).allSatisfy(topic -> {
            var route = camel.getRoute(AuditFeedRoutes.consumerOf(topic));
            assertThat(route).as(topic).isNotNull();
            assertThat(route.getEndpoint().getEndpointUri()).contains("kafka://" + topic)
                    .contains("groupId=integration-hub.audit-feed-" + topic);
        });
    }

    @Test
    void eachEventReachesTheAuditLogOnceWholeWithItsTopic() throws Exception {
        // given a domain event, a security act and an ended session, each delivered twice
        Map<String, String> events = Map.of(
                Topics.ORDER_CONFIRMED, event("OrderConfirmed", "order", "ord-" + shortId(), "{\"orderId\":\"o\",\"total\":12.50}"),
                Topics.SECURITY_EVENTS, event("SignInFailed", "sign-in", "x@example.com",
                        "{\"email\":\"x@example.com\",\"reason\":\"INVALID_CREDENTIALS\",\"actorId\":\"anonymous\"}"),
                Topics.AUTH_EVENTS, event("SessionRevoked", "session", "fam-" + shortId(), "{\"sessionId\":\"s\"}"));

        // when
        events.forEach((topic, event) -> {
            publish(topic, event);
            publish(topic, event);
        });

        // then audit-service got each exactly once, as sent, with the topic, with the hub's token
        await().atMost(Duration.ofSeconds(60)).until(() -> events.values().stream().allMatch(e -> handedOver(idOf(e)).size() == 1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                events.values().stream().allMatch(e -> handedOver(idOf(e)).size() == 1));
        events.forEach((topic, event) -> {
            FakeService.Received received = handedOver(idOf(event)).get(0);
            JsonNode body = read(received.body());
            assertThat(body.path("topic").asText()).isEqualTo(topic);
            assertThat(body.path("event")).isEqualTo(read(event));
            assertThat(received.authorization()).isEqualTo("Bearer " + HUB_TOKEN);
        });
    }

    @Test
    void theHubsOwnAdministrativeActsReachTheAuditLogWithWhoDidThem() throws Exception {
        // when the administrator pauses and resumes a job, then runs it (it fails: no product-service here)
        HttpClient http = HttpClient.newHttpClient();
        for (String act : List.of("pause", "resume", "run")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/scheduler/jobs/check-search-index/" + act))
                    .header("Authorization", TestTokens.bearer(TestTokens.admin()))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(act + ": " + answer.body()).isIn(200, 202);
        }

        // then each act travelled operations-events into the audit log: who, what, before and after
        await().atMost(Duration.ofSeconds(60)).until(() -> operationsEvents("SchedulerJobEnded").size() == 1);
        JsonNode paused = operationsEvents("SchedulerJobPaused").get(0);
        assertThat(paused.path("aggregateType").asText()).isEqualTo("scheduler-job");
        assertThat(paused.path("aggregateId").asText()).isEqualTo("check-search-index");
        assertThat(paused.at("/payload/actorId").asText()).isEqualTo("admin-1");
        assertThat(paused.at("/payload/actorType").asText()).isEqualTo("USER");
        assertThat(paused.at("/payload/before/state").asText()).isEqualTo("NORMAL");
        assertThat(paused.at("/payload/after/state").asText()).isEqualTo("PAUSED");
        assertThat(operationsEvents("SchedulerJobResumed")).hasSize(1);
        assertThat(operationsEvents("SchedulerJobRun")).singleElement()
                .satisfies(run -> assertThat(run.at("/payload/actorId").asText()).isEqualTo("admin-1"));
        JsonNode ended = operationsEvents("SchedulerJobEnded").get(0);
        assertThat(ended.at("/payload/actorType").asText()).isEqualTo("SYSTEM");
        assertThat(ended.at("/payload/after/result").asText()).isEqualTo("FAILED");
        assertThat(ended.at("/payload/after/kind").asText()).isEqualTo("MANUAL");
    }

    /** The operations events of one type audit-service was handed, in the order it got them. */
    private static List<JsonNode> operationsEvents(String type) {
        return AUDIT.received().stream().filter(r -> r.uri().getPath().equals(INGEST))
                .map(r -> read(r.body()))
                .filter(body -> body.path("topic").asText().equals(Topics.OPERATIONS_EVENTS))
                .map(body -> body.path("event"))
                .filter(event -> event.path("type").asText().equals(type))
                .toList();
    }

    private static String event(String type, String aggregateType, String aggregateId, String payload) {
        return """
                {"eventId":"%s","type":"%s","version":1,"aggregateType":"%s","aggregateId":"%s",
                 "occurredAt":"2026-01-01T00:00:00Z","payload":%s}""".formatted(UUID.randomUUID(), type, aggregateType,
                aggregateId, payload);
    }

    private void publish(String topic, String event) {
        Map<String, Object> props = KafkaTestUtils.producerProps(broker);
        try (var kafka = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, read(event).path("aggregateId").asText(), event);
            record.headers().add("eventId", idOf(event).getBytes(StandardCharsets.UTF_8));
            kafka.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<FakeService.Received> handedOver(String eventId) {
        return AUDIT.received().stream().filter(r -> r.uri().getPath().equals(INGEST) && r.body().contains(eventId)).toList();
    }

    private static String idOf(String event) {
        return read(event).path("eventId").asText();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
