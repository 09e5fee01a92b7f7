package dev.souk.auth.throttle;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

@Repository
class LoginFailureStore {

    record LoginFailures(int failures, Instant lastFailedAt, Instant blockedUntil) {
    }

    private final JdbcTemplate jdbc;

    LoginFailureStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The email's failures, its row locked until the transaction ends: attempts for one email are counted one by one. */
    Optional<LoginFailures> lock(String email) {
        return jdbc.query("select failures, last_failed_at, blocked_until from login_failure where email = ? for update",
                (rs, i) -> new LoginFailures(rs.getInt(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()),
                email).stream().findFirst();
    }

    /** The first failure of an email; a concurrent first failure makes one of the two fail with a duplicate key. */
    void insert(String email, int failures, Instant now, Instant blockedUntil) {
        jdbc.update("insert into login_failure (email, failures, last_failed_at, blocked_until) values (?, ?, ?, ?)",
                email, failures, Timestamp.from(now), timestamp(blockedUntil));
    }

    void update(String email, int failures, Instant now, Instant blockedUntil) {
        jdbc.update("update login_failure set failures = ?, last_failed_at = ?, blocked_until = ? where email = ?",
                failures, Timestamp.from(now), timestamp(blockedUntil), email);
    }

    void delete(String email) {
        jdbc.update("delete from login_failure where email = ?", email);
    }

    int deleteLastFailedBefore(Instant cutoff) {
        return jdbc.update("delete from login_failure where last_failed_at < ?", Timestamp.from(cutoff));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
