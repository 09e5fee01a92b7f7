package dev.souk.audit.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Reads the audit tables over plain JDBC, so the service and the offline verifier read them alike (H2 or PostgreSQL).
 * Entries come in sequence order, a page at a time (by sequence, no server-side cursor), however long the log.
 */
public final class AuditRows {

    static final String ENTRY_COLUMNS = "sequence, recorded_at, occurred_at, actor_type, actor_id, action, entity_type, "
            + "entity_id, before_state, after_state, trace_id, source, source_event_id, prev_hash, hash";
    private static final int PAGE = 1000;

    private AuditRows() {
    }

    /** Entries with {@code fromSequence <= sequence <= toSequence}, in order, read while iterated. */
    public static Iterator<AuditEntry> entries(Connection connection, long fromSequence, long toSequence) {
        return new Iterator<>() {
            private final Deque<AuditEntry> page = new ArrayDeque<>();
            private long next = fromSequence;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (page.isEmpty() && !exhausted) {
                    fill();
                }
                return !page.isEmpty();
            }

            @Override
            public AuditEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.removeFirst();
            }

            private void fill() {
                String sql = "select " + ENTRY_COLUMNS + " from audit_entry where sequence >= ? and sequence <= ? "
                        + "order by sequence fetch first " + PAGE + " rows only";
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setLong(1, next);
                    statement.setLong(2, toSequence);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            page.add(entry(rows));
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot read the audit log: " + e.getMessage(), e);
                }
                if (page.size() < PAGE) {
                    exhausted = true;
                }
                if (!page.isEmpty()) {
                    next = page.getLast().sequence() + 1;
                }
            }
        };
    }

    /** Every checkpoint with {@code fromSequence <= sequence}, by sequence. */
    public static NavigableMap<Long, Checkpoint> checkpoints(Connection connection, long fromSequence) {
        NavigableMap<Long, Checkpoint> checkpoints = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement("select sequence, entry_hash, signed_at, key_id, "
                + "public_key, signature from audit_checkpoint where sequence >= ? order by sequence")) {
            statement.setLong(1, fromSequence);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Checkpoint checkpoint = new Checkpoint(rows.getLong(1), rows.getString(2), instant(rows, 3),
                            rows.getString(4), rows.getString(5), rows.getString(6));
                    checkpoints.put(checkpoint.sequence(), checkpoint);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit checkpoints: " + e.getMessage(), e);
        }
        return checkpoints;
    }

    /** The lowest sequence still in the log; 0 when it is empty. */
    public static long firstSequence(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement("select min(sequence) from audit_entry");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit log: " + e.getMessage(), e);
        }
    }

    /** The whole log as it stands, checked with {@code verifier}'s rules. */
    public static VerifyResult verify(Connection connection, java.util.Set<String> trustedPublicKeys) {
        long first = firstSequence(connection);
        NavigableMap<Long, Checkpoint> checkpoints = checkpoints(connection, first == 0 ? 0 : first - 1);
        return new ChainVerifier(checkpoints, trustedPublicKeys, ChainVerifier.Anchor.GENESIS_OR_CHECKPOINT)
                .verify(entries(connection, first, Long.MAX_VALUE));
    }

    static AuditEntry entry(ResultSet rows) throws SQLException {
        return new AuditEntry(rows.getLong(1), instant(rows, 2), instant(rows, 3), rows.getString(4), rows.getString(5),
                rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9), rows.getString(10),
                rows.getString(11), rows.getString(12), rows.getString(13), rows.getString(14), rows.getString(15));
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
