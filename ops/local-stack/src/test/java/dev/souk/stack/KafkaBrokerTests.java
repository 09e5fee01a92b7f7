package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

class KafkaBrokerTests {

    @TempDir
    Path dataDir;

    @Test
    void autoCreatesTopicsAndKeepsRecordsAcrossARestart() throws Exception {
        // given a broker formatted on first start
        int port = freePort();
        int controllerPort = freePort();
        Path logDir = dataDir.resolve("kafka");
        String topic = "order-created";

        try (KafkaBroker broker = new KafkaBroker(logDir, port, controllerPort)) {
            broker.start();
            assertThat(logDir.resolve("meta.properties")).exists();

            // when a producer writes to a topic nobody created
            try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
                producer.send(new ProducerRecord<>(topic, "order-1", "{\"orderId\":\"order-1\"}")).get();
            }

            // then a consumer reads it back
            assertThat(consumeAll(broker.bootstrapServers(), topic)).containsExactly("order-1");
        }

        // when the broker restarts on the same log directory
        try (KafkaBroker broker = new KafkaBroker(logDir, port, controllerPort)) {
            broker.start();

            // then the record is still there
            assertThat(consumeAll(broker.bootstrapServers(), topic)).containsExactly("order-1");
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000),
                new StringSerializer(), new StringSerializer());
    }

    private static List<String> consumeAll(String bootstrap, String topic) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    keys.add(record.key());
                }
                return !keys.isEmpty();
            });
        }
        return keys;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
