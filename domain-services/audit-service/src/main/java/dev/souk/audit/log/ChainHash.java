package dev.souk.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * How an entry's hash is computed, the one definition the service, its verify endpoint and the offline verifier share.
 * The content is every field but the hash itself, each written as {@code <length>:<value>;} (or {@code -;} for none),
 * in a fixed order that ends with the previous entry's hash, so no two different entries can encode alike and no
 * field can be moved into another. Times are written at microsecond precision, as every database keeps them.
 */
public final class ChainHash {

    /** The "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String of(AuditEntry entry) {
        StringBuilder content = new StringBuilder(256);
        field(content, Long.toString(entry.sequence()));
        field(content, instant(entry.recordedAt()));
        field(content, instant(entry.occurredAt()));
        field(content, entry.actorType());
        field(content, entry.actorId());
        field(content, entry.action());
        field(content, entry.entityType());
        field(content, entry.entityId());
        field(content, entry.beforeState());
        field(content, entry.afterState());
        field(content, entry.traceId());
        field(content, entry.source());
        field(content, entry.sourceEventId());
        field(content, entry.prevHash());
        return sha256(content.toString());
    }

    /** The precision every entry's times are kept at (PostgreSQL's and H2's timestamps hold microseconds). */
    public static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static String instant(Instant instant) {
        return instant == null ? null : truncate(instant).toString();
    }

    private static void field(StringBuilder content, String value) {
        if (value == null) {
            content.append("-;");
        } else {
            content.append(value.length()).append(':').append(value).append(';');
        }
    }
}
