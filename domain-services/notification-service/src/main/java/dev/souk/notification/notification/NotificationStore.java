package dev.souk.notification.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Repository
class NotificationStore {

    private static final String COLUMNS = "id, user_id, stream_seq, kind, title, body, order_id, data, in_app, read_at, created_at";
    private static final TypeReference<Map<String, String>> DATA = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    NotificationStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    boolean exists(String sourceId, String userId) {
        Integer count = jdbc.queryForObject("select count(*) from notification where source_id = ? and user_id = ?",
                Integer.class, sourceId, userId);
        return count != null && count > 0;
    }

    /** Makes sure the customer has a stream row, in its own short statement, so numbering only ever updates it. */
    void ensureStream(String userId) {
        try {
            jdbc.update("insert into notification_stream (user_id, last_seq) select ?, 0 where not exists "
                    + "(select 1 from notification_stream where user_id = ?)", userId, userId);
        } catch (DuplicateKeyException raced) {
            // a concurrent first notification of the same customer created it
        }
    }

    /** The customer's next stream number; the row lock holds their other new notifications until this one commits. */
    long nextStreamSeq(String userId) {
        jdbc.update("update notification_stream set last_seq = last_seq + 1 where user_id = ?", userId);
        return jdbc.queryForObject("select last_seq from notification_stream where user_id = ?", Long.class, userId);
    }

    void insert(Notification n, String sourceId) {
        jdbc.update("insert into notification (" + COLUMNS + ", source_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                n.id(), n.userId(), n.streamSeq(), n.kind().name(), n.title(), n.body(), n.orderId(), toJson(n.data()),
                n.inApp(), n.readAt() == null ? null : Timestamp.from(n.readAt()), Timestamp.from(n.createdAt()), sourceId);
    }

    Optional<Notification> find(String id) {
        return jdbc.query("select " + COLUMNS + " from notification where id = ?", this::notification, id).stream().findFirst();
    }

    List<Notification> page(String userId, boolean unreadOnly, long offset, int limit) {
        return jdbc.query("select " + COLUMNS + " from notification where user_id = ? and in_app = true"
                        + (unreadOnly ? " and read_at is null" : "") + " order by stream_seq desc offset ? rows fetch next ? rows only",
                this::notification, userId, offset, limit);
    }

    long count(String userId, boolean unreadOnly) {
        Long count = jdbc.queryForObject("select count(*) from notification where user_id = ? and in_app = true"
                + (unreadOnly ? " and read_at is null" : ""), Long.class, userId);
        return count == null ? 0 : count;
    }

    /** The customer's notifications after {@code afterSeq}, oldest first: what a live stream still has to send. */
    List<Notification> after(String userId, long afterSeq, int limit) {
        return jdbc.query("select " + COLUMNS + " from notification where user_id = ? and stream_seq > ? "
                + "order by stream_seq fetch first ? rows only", this::notification, userId, afterSeq, limit);
    }

    long lastStreamSeq(String userId) {
        List<Long> last = jdbc.queryForList("select last_seq from notification_stream where user_id = ?", Long.class, userId);
        return last.isEmpty() ? 0 : last.get(0);
    }

    boolean markRead(String id, Instant at) {
        return jdbc.update("update notification set read_at = ? where id = ? and read_at is null", Timestamp.from(at), id) > 0;
    }

    int markAllRead(String userId, Instant at) {
        return jdbc.update("update notification set read_at = ? where user_id = ? and read_at is null and in_app = true",
                Timestamp.from(at), userId);
    }

    /** The mail of a notification, sent later by whichever instance gets to it first. */
    void queueMail(Notification n, Instant at) {
        jdbc.update("insert into mail_outbox (id, notification_id, user_id, kind, status, next_attempt_at, created_at) "
                        + "values (?, ?, ?, ?, 'PENDING', ?, ?)",
                "mail-" + java.util.UUID.randomUUID(), n.id(), n.userId(), n.kind().name(), Timestamp.from(at), Timestamp.from(at));
    }

    // ---- preferences ------------------------------------------------------------------------------------------

    List<Preference> preferences(String userId) {
        return jdbc.query("select kind, in_app, email from notification_preference where user_id = ?",
                (rs, i) -> new Preference(NotificationKind.valueOf(rs.getString(1)), rs.getBoolean(2), rs.getBoolean(3)), userId);
    }

    void savePreference(String userId, Preference preference, Instant at) {
        int updated = jdbc.update("update notification_preference set in_app = ?, email = ?, updated_at = ? where user_id = ? and kind = ?",
                preference.inApp(), preference.email(), Timestamp.from(at), userId, preference.kind().name());
        if (updated == 0) {
            jdbc.update("insert into notification_preference (user_id, kind, in_app, email, updated_at) values (?, ?, ?, ?, ?)",
                    userId, preference.kind().name(), preference.inApp(), preference.email(), Timestamp.from(at));
        }
    }

    private Notification notification(ResultSet rs, int row) throws SQLException {
        Timestamp read = rs.getTimestamp("read_at");
        return new Notification(rs.getString("id"), rs.getString("user_id"), rs.getLong("stream_seq"),
                NotificationKind.valueOf(rs.getString("kind")), rs.getString("title"), rs.getString("body"),
                rs.getString("order_id"), fromJson(rs.getString("data")), rs.getBoolean("in_app"),
                read == null ? null : read.toInstant(), rs.getTimestamp("created_at").toInstant());
    }

    private String toJson(Map<String, String> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, String> fromJson(String data) {
        try {
            return data == null ? Map.of() : json.readValue(data, DATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored notification data is not JSON", e);
        }
    }
}
