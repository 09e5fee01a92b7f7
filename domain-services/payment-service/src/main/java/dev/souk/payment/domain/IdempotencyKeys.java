package dev.souk.payment.domain;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Idempotency-Key header values and the request and answer each is bound to. */
@Repository
class IdempotencyKeys {

    private final JdbcTemplate jdbc;

    IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A claimed key: {@code paymentId} and {@code outcome} are set once the answer is known. */
    record Binding(String key, String fingerprint, String paymentId, PaymentOutcome.Result outcome) {
    }

    Optional<Binding> find(String key) {
        return jdbc.query("select idempotency_key, request_fingerprint, payment_id, outcome from idempotency_key where idempotency_key = ?",
                (rs, i) -> new Binding(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4) == null ? null : PaymentOutcome.Result.valueOf(rs.getString(4))),
                key).stream().findFirst();
    }

    /** Claims the key for a request; a concurrent claim of the same key fails with a duplicate key. */
    void claim(String key, String fingerprint, Instant now) {
        jdbc.update("insert into idempotency_key (idempotency_key, request_fingerprint, created_at) values (?, ?, ?)",
                key, fingerprint, Timestamp.from(now));
    }

    void bind(String key, String paymentId, PaymentOutcome.Result outcome) {
        jdbc.update("update idempotency_key set payment_id = ?, outcome = ? where idempotency_key = ?", paymentId, outcome.name(), key);
    }

    /** Gives a key back: its request changed nothing that a retry must not repeat. */
    void release(String key) {
        jdbc.update("delete from idempotency_key where idempotency_key = ?", key);
    }
}
