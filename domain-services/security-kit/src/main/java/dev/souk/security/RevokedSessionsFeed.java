package dev.souk.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.contracts.events.AuthEvents.SessionRevoked;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads {@code SessionRevoked} from {@code auth-events} into {@link RevokedSessions}, on a thread of its own.
 *
 * <p>Every app needs every revocation, so the consumer belongs to no group and commits nothing: it takes all partitions
 * of the topic and starts at the records of {@code lookBack} ago ({@code offsetsForTimes}), which covers every token
 * still alive, so a restarted app knows the recent revocations too. Starting never waits for Kafka: without a broker
 * the feed says so once and retries quietly, and tokens of sessions ended meanwhile are refused once it has caught up.
 */
public final class RevokedSessionsFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RevokedSessionsFeed.class);
    private static final String EVENT_TYPE = SessionRevoked.class.getSimpleName();
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PRUNE_EVERY = Duration.ofSeconds(30);
    private static final Duration NEW_PARTITIONS_EVERY = Duration.ofMinutes(1);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(5);
    private static final int PROBE_TIMEOUT_MS = 500;

    private final RevokedSessions revoked;
    private final String bootstrapServers;
    private final String topic;
    private final Duration lookBack;
    private final String clientId;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Object pause = new Object();

    private volatile boolean running;
    private volatile Thread thread;
    private volatile Consumer<String, String> consumer;
    // touched by the feed's thread only
    private boolean complained;
    private Duration retry = FIRST_RETRY;

    /**
     * @param lookBack    how far back a starting feed reads: the longest access-token lifetime plus the clock skew
     * @param application names the consumer's client id (unique per instance: one JVM may host several apps)
     */
    public RevokedSessionsFeed(RevokedSessions revoked, String bootstrapServers, String topic, Duration lookBack,
                               String application, Clock clock) {
        this.revoked = revoked;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.lookBack = lookBack;
        this.clientId = "souk-revocations-" + application + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread feed = new Thread(this::run, "souk-revoked-sessions");
        feed.setDaemon(true);
        thread = feed;
        feed.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Consumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        synchronized (pause) {
            pause.notifyAll();
        }
        Thread feed = thread;
        thread = null;
        if (feed != null) {
            try {
                feed.join(STOP_WITHIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                if (brokerAnswers()) {
                    follow();
                } else {
                    trouble("no broker answers");
                }
            } catch (WakeupException | InterruptException stopping) {
                // stop() woke the consumer up
            } catch (RuntimeException e) {
                trouble(e.toString());
            }
            if (running) {
                pause(retry);
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    /** Reads the topic until the feed stops; throws when Kafka fails it. */
    private void follow() {
        Consumer<String, String> kafka = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new StringDeserializer());
        consumer = kafka;
        try {
            if (!running) {
                return;
            }
            Set<TopicPartition> assigned = assignNew(kafka, Set.of());
            log.info("Reading ended sessions from {} ({} partitions) at {}", topic, assigned.size(), bootstrapServers);
            complained = false;
            retry = FIRST_RETRY;
            Instant prune = clock.instant().plus(PRUNE_EVERY);
            Instant lookForPartitions = clock.instant().plus(NEW_PARTITIONS_EVERY);
            while (running) {
                for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                    accept(record.value());
                }
                Instant now = clock.instant();
                if (now.isAfter(prune)) {
                    revoked.prune();
                    prune = now.plus(PRUNE_EVERY);
                }
                if (now.isAfter(lookForPartitions)) {
                    assigned = assignNew(kafka, assigned);
                    lookForPartitions = now.plus(NEW_PARTITIONS_EVERY);
                }
            }
        } finally {
            consumer = null;
            kafka.close(Duration.ofSeconds(1));
        }
    }

    /** Takes every partition of the topic; the ones not read before start at the records of {@code lookBack} ago. */
    private Set<TopicPartition> assignNew(Consumer<String, String> kafka, Set<TopicPartition> assigned) {
        Set<TopicPartition> all = new HashSet<>();
        for (PartitionInfo partition : kafka.partitionsFor(topic, METADATA_TIMEOUT)) {
            all.add(new TopicPartition(partition.topic(), partition.partition()));
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("the topic " + topic + " has no partitions yet");
        }
        Set<TopicPartition> added = new HashSet<>(all);
        added.removeAll(assigned);
        if (added.isEmpty()) {
            return assigned;
        }
        kafka.assign(all);
        long since = clock.instant().minus(lookBack).toEpochMilli();
        Map<TopicPartition, Long> times = new HashMap<>();
        added.forEach(partition -> times.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = kafka.offsetsForTimes(times, METADATA_TIMEOUT);
        List<TopicPartition> nothingRecent = new ArrayList<>();
        for (TopicPartition partition : added) {
            OffsetAndTimestamp first = offsets.get(partition);
            if (first == null) {
                nothingRecent.add(partition);
            } else {
                kafka.seek(partition, first.offset());
            }
        }
        kafka.seekToEnd(nothingRecent);
        return all;
    }

    private void accept(String value) {
        try {
            JsonNode envelope = json.readTree(value);
            if (!EVENT_TYPE.equals(envelope.path("type").asText())) {
                return;
            }
            JsonNode payload = envelope.path("payload");
            String sessionId = payload.path("sessionId").asText(null);
            Instant revokedUntil = instant(payload.path("revokedUntil"));
            if (sessionId == null || revokedUntil == null) {
                log.warn("Ignoring a {} without sessionId or revokedUntil on {}", EVENT_TYPE, topic);
                return;
            }
            revoked.revoke(sessionId, revokedUntil);
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring a record on {} that is not an event: {}", topic, e.toString());
        }
    }

    /** An ISO-8601 instant, or seconds since the epoch (how Jackson writes an Instant as a number). */
    private static Instant instant(JsonNode node) {
        if (node.isTextual()) {
            return Instant.parse(node.asText());
        }
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return null;
    }

    /**
     * Whether anything accepts connections at the bootstrap servers. Asked before a consumer is made, so an app that
     * starts before the broker, or runs without one, does not fill its log with the client's connection warnings.
     */
    private boolean brokerAnswers() {
        for (String server : bootstrapServers.split(",")) {
            String address = server.strip().substring(server.strip().lastIndexOf('/') + 1);
            int colon = address.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            String host = address.substring(0, colon).replace("[", "").replace("]", "");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1))), PROBE_TIMEOUT_MS);
                return true;
            } catch (IOException | RuntimeException unreachable) {
                // try the next one
            }
        }
        return false;
    }

    private void trouble(String reason) {
        if (complained) {
            log.debug("Ended sessions still cannot be read from {}: {}", topic, reason);
            return;
        }
        complained = true;
        log.warn("Ended sessions cannot be read from {} at {} ({}); retrying quietly. Tokens of sessions ended meanwhile "
                + "are refused once this app has caught up.", topic, bootstrapServers, reason);
    }

    private void pause(Duration duration) {
        synchronized (pause) {
            if (!running) {
                return;
            }
            try {
                pause.wait(duration.toMillis());
            } catch (InterruptedException e) {
                running = false;
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // should the broker go away later, reconnect (and warn) every few seconds rather than every second
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
        return config;
    }
}
