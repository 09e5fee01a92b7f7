package dev.souk.notification.live;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Single-use tickets for opening a live stream where the client cannot send an Authorization header (a browser's
 * EventSource). A ticket is issued only to a caller with a verified token, for that caller, lives a few seconds and is
 * consumed by the first stream it opens; only its hash is stored, shared by every instance.
 */
@Component
public class StreamTickets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration lifetime;

    StreamTickets(JdbcTemplate jdbc, Clock clock, @Value("${souk.notifications.live.ticket-lifetime:PT30S}") Duration lifetime) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public record Ticket(String ticket, Instant expiresAt) {
    }

    public Ticket issue(String userId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = clock.instant().plus(lifetime);
        jdbc.update("insert into stream_ticket (ticket_hash, user_id, expires_at) values (?, ?, ?)",
                hash(ticket), userId, Timestamp.from(expiresAt));
        return new Ticket(ticket, expiresAt);
    }

    /** The user the ticket was issued to, if it is known and unexpired; it can never be used again. */
    public Optional<String> redeem(String ticket) {
        String hash = hash(ticket);
        List<String> owner = jdbc.queryForList("select user_id from stream_ticket where ticket_hash = ? and expires_at > ?",
                String.class, hash, Timestamp.from(clock.instant()));
        // whoever deletes the row owns the redemption: a ticket opens one stream even when two race for it
        if (owner.isEmpty() || jdbc.update("delete from stream_ticket where ticket_hash = ?", hash) == 0) {
            return Optional.empty();
        }
        return Optional.of(owner.get(0));
    }

    @Scheduled(fixedDelayString = "PT1M")
    public void purgeExpired() {
        jdbc.update("delete from stream_ticket where expires_at <= ?", Timestamp.from(clock.instant()));
    }

    private static String hash(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
