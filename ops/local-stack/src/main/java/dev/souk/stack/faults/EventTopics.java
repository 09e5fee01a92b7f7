package dev.souk.stack.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The stack's event topics as a misbehaving network sees them: events delivered again, and out of order. */
final class EventTopics {

    private final String bootstrap;

    EventTopics(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * Sends the latest {@code perTopic} events of every domain topic again, newest first, with their keys and headers
     * (the event id among them): consumers must notice they have seen them, and not mind the order.
     */
    int duplicateAndReorderLatest(int perTopic) {
        int sent = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
            for (String topic : domainTopics()) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                consumer.assign(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                for (TopicPartition partition : partitions) {
                    consumer.seek(partition, Math.max(0, ends.get(partition) - perTopic));
                }
                List<ConsumerRecord<byte[], byte[]>> latest = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (System.nanoTime() < deadline && !caughtUp(consumer, ends)) {
                    consumer.poll(Duration.ofMillis(200)).forEach(latest::add);
                }
                Collections.reverse(latest);
                for (ConsumerRecord<byte[], byte[]> event : latest) {
                    producer.send(new ProducerRecord<>(topic, null, event.key(), event.value(), event.headers()));
                    sent++;
                }
            }
            producer.flush();
        }
        return sent;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    /** Every topic the apps publish domain events on: not Kafka's own, not dead letters, not the hub's internal ones. */
    Set<String> domainTopics() {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            return client.listTopics().names().get().stream()
                    .filter(name -> name.endsWith("-events") || name.startsWith("order-"))
                    .filter(name -> !name.endsWith(".DLT"))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        } catch (Exception e) {
            throw new IllegalStateException("cannot list the topics at " + bootstrap + ": " + e, e);
        }
    }

    private Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return config;
    }

    private Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }
}
