package dev.souk.hub.operations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.contracts.events.DomainEvent;
import dev.souk.contracts.events.EventEnvelope;
import dev.souk.hub.security.HubCaller;

/**
 * The hub's administrative acts for the audit log: each is written to {@code operations_outbox} in the hub's database
 * as the envelope every topic carries, and {@link OperationsEventRelayRoutes} publishes it on
 * {@code operations-events}. The audit log records each event id once, so a row published twice (a relay that died
 * between sending and marking) is still one entry.
 */
@Component
public class OperationsLog {

    /** The actor of an act nobody asked for: the scheduler's own runs. */
    public static final String SCHEDULER = "scheduler";
    public static final String USER = "USER";
    public static final String SYSTEM = "SYSTEM";

    /** One row waiting to be published. */
    public record Pending(long seq, String eventId, String type, String key, String payload) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public OperationsLog(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(DomainEvent event) {
        EventEnvelope<DomainEvent> envelope = EventEnvelope.of(event, clock.instant());
        String payload;
        try {
            payload = json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Operations event " + event.eventType() + " cannot be written as JSON", e);
        }
        jdbc.update("insert into operations_outbox (event_id, event_type, event_key, payload, created_at) values (?, ?, ?, ?, ?)",
                envelope.eventId().toString(), envelope.type(), envelope.aggregateId(), payload,
                Timestamp.from(envelope.occurredAt()));
    }

    /** Who asked, as the audit log names an actor: the administrator's user id, or "unknown" without one. */
    public static String actorOf(HubCaller caller) {
        return caller == null || caller.userId() == null ? "unknown" : caller.userId();
    }

    /** The trace of the request or run that did the act, when there is one. */
    public static String traceId() {
        return MDC.get("traceId");
    }

    public List<Pending> pending(int limit) {
        return jdbc.query("select seq, event_id, event_type, event_key, payload from operations_outbox "
                        + "where sent_at is null order by seq fetch first ? rows only",
                (rs, i) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                limit);
    }

    public void sent(long seq) {
        jdbc.update("update operations_outbox set sent_at = ? where seq = ?", Timestamp.from(clock.instant()), seq);
    }

    /** Forgets published rows older than {@code retention}; answers how many. */
    public int forgetSentBefore(Duration retention) {
        return jdbc.update("delete from operations_outbox where sent_at is not null and sent_at < ?",
                Timestamp.from(clock.instant().minus(retention)));
    }

    public long unsent() {
        Long count = jdbc.queryForObject("select count(*) from operations_outbox where sent_at is null", Long.class);
        return count == null ? 0 : count;
    }

    Instant now() {
        return clock.instant();
    }
}
