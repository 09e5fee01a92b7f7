package dev.souk.hub.events;

import java.sql.Timestamp;
import java.time.Instant;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event ids one consumer has handled, in the hub's database, so a redelivered or duplicated event is
 * recognised after a restart too. Used by Camel's idempotent consumer: an id is added before the event is handled
 * and removed again when handling fails, so a failed event can be delivered again.
 */
public class ProcessedEvents extends ServiceSupport implements IdempotentRepository {

    private final JdbcTemplate jdbc;
    private final String consumer;

    public ProcessedEvents(JdbcTemplate jdbc, String consumer) {
        this.jdbc = jdbc;
        this.consumer = consumer;
    }

    @Override
    public boolean add(String eventId) {
        try {
            jdbc.update("insert into processed_event (consumer, event_id, processed_at) values (?, ?, ?)",
                    consumer, eventId, Timestamp.from(Instant.now()));
            return true;
        } catch (DuplicateKeyException seen) {
            return false;
        }
    }

    @Override
    public boolean contains(String eventId) {
        Integer count = jdbc.queryForObject("select count(*) from processed_event where consumer = ? and event_id = ?",
                Integer.class, consumer, eventId);
        return count != null && count > 0;
    }

    @Override
    public boolean remove(String eventId) {
        return jdbc.update("delete from processed_event where consumer = ? and event_id = ?", consumer, eventId) > 0;
    }

    @Override
    public boolean confirm(String eventId) {
        return true;
    }

    @Override
    public void clear() {
        jdbc.update("delete from processed_event where consumer = ?", consumer);
    }
}
