package dev.souk.kit.outbox;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes unsent outbox rows to Kafka in commit order and marks them sent once the broker acknowledged them
 * (acks=all, idempotent producer). A failed send stops the batch; the row and everything after it are retried on
 * the next tick, so delivery is at-least-once and consumers deduplicate by event id.
 */
public class OutboxRelay {

    public static final String HEADER_EVENT_ID = "eventId";
    public static final String HEADER_EVENT_TYPE = "eventType";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final Clock clock;

    public OutboxRelay(JdbcTemplate jdbc, KafkaTemplate<String, String> kafka, OutboxProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${souk.outbox.relay.interval}")
    public void relayPending() {
        int relayed;
        do {
            relayed = relayBatch();
        } while (relayed == properties.batchSize());
    }

    /** Relays up to one batch; answers how many rows were marked sent. */
    public int relayBatch() {
        List<PendingEvent> pending = jdbc.query(
                "select seq, event_id, topic, event_key, event_type, payload from outbox_event where sent_at is null order by seq fetch first ? rows only",
                (rs, i) -> new PendingEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)),
                properties.batchSize());
        if (pending.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(pending.size());
        for (PendingEvent event : pending) {
            sends.add(kafka.send(event.toRecord()));
        }
        List<Object[]> sent = new ArrayList<>(pending.size());
        Timestamp now = Timestamp.from(clock.instant());
        for (int i = 0; i < pending.size(); i++) {
            PendingEvent event = pending.get(i);
            try {
                sends.get(i).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                sent.add(new Object[]{now, event.seq()});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                log.warn("Outbox event {} ({}) not yet published to {}: {}", event.eventId(), event.type(), event.topic(), e.toString());
                jdbc.update("update outbox_event set attempts = attempts + 1, last_error = ? where seq = ?",
                        truncate(e.toString()), event.seq());
                break;
            }
        }
        if (!sent.isEmpty()) {
            jdbc.batchUpdate("update outbox_event set sent_at = ?, attempts = attempts + 1 where seq = ?", sent);
        }
        return sent.size();
    }

    /** Sent rows are kept for a while for inspection and replay, then removed. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void purgeSent() {
        Duration retention = properties.retention();
        int removed = jdbc.update("delete from outbox_event where sent_at is not null and sent_at < ?",
                Timestamp.from(clock.instant().minus(retention)));
        if (removed > 0) {
            log.info("Purged {} relayed outbox events older than {}", removed, retention);
        }
    }

    public long pendingCount() {
        Long count = jdbc.queryForObject("select count(*) from outbox_event where sent_at is null", Long.class);
        return count == null ? 0 : count;
    }

    private static String truncate(String message) {
        return message.length() <= 1000 ? message : message.substring(0, 1000);
    }

    private record PendingEvent(long seq, String eventId, String topic, String key, String type, String payload) {
        ProducerRecord<String, String> toRecord() {
            var record = new ProducerRecord<>(topic, key, payload);
            record.headers().add(HEADER_EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
            record.headers().add(HEADER_EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
            return record;
        }
    }
}
