package dev.souk.kit.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.contracts.Topics;
import dev.souk.kit.KitTestApplication.WidgetService;
import dev.souk.kit.problem.ApiException;
import dev.souk.kit.testing.SoukServiceTest;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.transaction.IllegalTransactionStateException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SoukServiceTest
@TestPropertySource(locations = "classpath:kit-test.properties", properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "souk.outbox.relay.enabled=true",
        "souk.outbox.relay.interval=1h"})
@EmbeddedKafka(kraft = true, partitions = 1, topics = Topics.USER_EVENTS)
class OutboxRelayTests {

    @Autowired
    WidgetService widgets;
    @Autowired
    OutboxRelay relay;
    @Autowired
    Outbox outbox;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    ObjectMapper objectMapper;

    @Test
    void committedEventsArePublishedOnceInOrderAndRolledBackOnesNever() throws Exception {
        // given two committed events and one whose transaction rolled back
        widgets.register("w-1", false);
        assertThatThrownBy(() -> widgets.register("w-rolled-back", true)).isInstanceOf(ApiException.class);
        widgets.register("w-2", false);

        // when the relay runs (twice: the second run must find nothing left to send)
        assertThat(relay.relayBatch()).isEqualTo(2);
        assertThat(relay.relayBatch()).isZero();
        assertThat(relay.pendingCount()).isZero();

        // then the topic holds exactly the committed events, in commit order, each with its event id header
        List<ConsumerRecord<String, String>> records = consumeAll();
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("w-1", "w-2");
        for (ConsumerRecord<String, String> record : records) {
            JsonNode envelope = objectMapper.readTree(record.value());
            assertThat(envelope.path("type").asText()).isEqualTo("UserRegistered");
            assertThat(envelope.path("payload").path("email").asText()).isEqualTo(record.key() + "@souk.dev");
            assertThat(new String(record.headers().lastHeader(OutboxRelay.HEADER_EVENT_ID).value(), StandardCharsets.UTF_8))
                    .isEqualTo(envelope.path("eventId").asText());
        }
    }

    @Test
    void anEventCannotBeRecordedOutsideATransaction() {
        assertThatThrownBy(() -> outbox.record(new dev.souk.contracts.events.UserEvents.UserRegistered("x", "x@souk.dev", "X")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    private List<ConsumerRecord<String, String>> consumeAll() {
        var props = KafkaTestUtils.consumerProps("outbox-test-" + System.nanoTime(), "false", broker);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer()).createConsumer()) {
            broker.consumeFromAnEmbeddedTopic(consumer, Topics.USER_EVENTS);
            List<ConsumerRecord<String, String>> all = new ArrayList<>();
            KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(10)).forEach(all::add);
            return all;
        }
    }
}
