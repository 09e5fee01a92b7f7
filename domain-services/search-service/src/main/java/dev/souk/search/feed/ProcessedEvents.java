package dev.souk.search.feed;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * The event ids the feed has applied, recorded in the same transaction as their effect: an event delivered again
 * (the hub retried, a dead letter was replayed, a topic was read again) is recognised and changes nothing.
 */
@Repository
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records {@code eventId}; answers false when it was recorded before. Two deliveries of one event at the same
     * instant collide on the key, and the later one fails (and is retried, then found here).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstTime(String eventId, Instant now) {
        Integer seen = jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class, eventId);
        if (seen != null && seen > 0) {
            return false;
        }
        jdbc.update("insert into processed_event (event_id, processed_at) values (?, ?)", eventId, Timestamp.from(now));
        return true;
    }
}
