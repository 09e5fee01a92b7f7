package dev.souk.hub.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.Topics;
import dev.souk.contracts.events.OperationsEvents.DeadLettersReplayed;
import dev.souk.hub.errors.ProblemException;
import dev.souk.hub.operations.OperationsLog;
import dev.souk.hub.security.HubCaller;

/**
 * Puts dead-lettered events back on their topic, unchanged (key, value and headers, so the event id is kept and an
 * event that was in fact handled is still skipped). The replay consumer group remembers how far it got, so each
 * dead letter is replayed once.
 */
@Component("deadLetterReplay")
public class DeadLetterReplay {

    private static final Duration POLL = Duration.ofSeconds(2);

    private final String bootstrap;
    private final String groupId;
    private final OperationsLog operations;

    public DeadLetterReplay(@Value("${camel.component.kafka.brokers}") String bootstrap,
                            @Value("${souk.hub.events.group-id}") String groupId, OperationsLog operations) {
        this.bootstrap = bootstrap;
        this.groupId = groupId + "-dead-letter-replay";
        this.operations = operations;
    }

    /**
     * Route binding: headers {@code topic} (path) and {@code max} (query, default 1000); the administrator who asked.
     * The replay is an act for the audit log, also when nothing was waiting.
     */
    public Map<String, Object> replayRequested(@Header("topic") String topic, @Header("max") Integer max,
                                               @ExchangeProperty(HubCaller.PROPERTY) HubCaller caller) {
        Map<String, Object> replayed = replay(topic, max == null ? 1000 : max);
        operations.record(new DeadLettersReplayed(topic, (Integer) replayed.get("replayed"), OperationsLog.actorOf(caller),
                OperationsLog.USER, OperationsLog.traceId()));
        return replayed;
    }

    /** Replays up to {@code max} dead letters of {@code topic}; answers how many were put back. */
    public Map<String, Object> replay(String topic, int max) {
        if (!Topics.ALL.contains(topic)) {
            throw new ProblemException(404, ProblemCodes.NOT_FOUND, "No topic named " + topic + ".");
        }
        int limit = Math.max(1, Math.min(max, 10_000));
        int replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            consumer.subscribe(List.of(Topics.deadLetterOf(topic)));
            while (replayed < limit) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers())).get();
                    replayed++;
                }
                consumer.commitSync();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ProblemException(503, ProblemCodes.SERVICE_UNAVAILABLE, "Kafka did not accept the replayed events: " + e.getCause().getMessage())
                    .retryAfter(5);
        }
        return Map.of("topic", topic, "replayed", replayed);
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
