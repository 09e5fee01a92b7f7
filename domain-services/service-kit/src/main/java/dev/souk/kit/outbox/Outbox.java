package dev.souk.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.contracts.events.DomainEvent;
import dev.souk.contracts.events.EventEnvelope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * Records a domain event in the outbox table inside the caller's transaction: the event exists exactly when
 * the data change that caused it is committed. {@link OutboxRelay} publishes it afterwards.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    public Outbox(JdbcTemplate jdbc, ObjectMapper objectMapper, Clock clock) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public <T extends DomainEvent> EventEnvelope<T> record(T event) {
        EventEnvelope<T> envelope = EventEnvelope.of(event, clock.instant());
        jdbc.update("insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at) values (?, ?, ?, ?, ?, ?)",
                envelope.eventId().toString(), event.topic(), envelope.aggregateId(), envelope.type(),
                toJson(envelope), Timestamp.from(envelope.occurredAt()));
        return envelope;
    }

    private String toJson(EventEnvelope<?> envelope) {
        try {
            return objectMapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event cannot be serialised: " + envelope.type(), e);
        }
    }
}
