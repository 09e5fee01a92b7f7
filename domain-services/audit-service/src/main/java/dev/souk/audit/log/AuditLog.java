package dev.souk.audit.log;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit log: appends entries to the hash chain, once per source event id, and answers searches and verifications.
 * There is no way to change or remove an entry here (the log's retention is an operator's procedure, see the README).
 */
@Service
public class AuditLog {

    public enum Outcome { APPENDED, DUPLICATE }

    public record Appended(Outcome outcome, long sequence) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final CheckpointKeys keys;
    private final int checkpointEvery;
    private final Counter appended;

    AuditLog(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock, CheckpointKeys keys,
             AuditProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.keys = keys;
        this.checkpointEvery = properties.checkpointEvery();
        this.appended = Counter.builder("souk.audit.entries.appended")
                .description("Entries appended to the audit log").register(meters);
    }

    /** Appends {@code entry} after the chain's last entry; a source event id already recorded changes nothing. */
    public Appended append(NewEntry entry) {
        Appended result = transaction.execute(tx -> {
            // the head row's lock puts appends of every replica in one order
            var head = jdbc.queryForMap("select sequence, hash from audit_chain_head where id = 1 for update");
            Long existing = jdbc.query("select sequence from audit_entry where source_event_id = ?",
                    rows -> rows.next() ? rows.getLong(1) : null, entry.sourceEventId());
            if (existing != null) {
                return new Appended(Outcome.DUPLICATE, existing);
            }
            long sequence = ((Number) head.get("SEQUENCE")).longValue() + 1;
            String prevHash = (String) head.get("HASH");
            Instant now = ChainHash.truncate(clock.instant());
            AuditEntry unsealed = new AuditEntry(sequence, now, ChainHash.truncate(entry.occurredAt() == null ? now : entry.occurredAt()),
                    entry.actorType(), entry.actorId(), entry.action(), entry.entityType(), entry.entityId(),
                    entry.beforeState(), entry.afterState(), entry.traceId(), entry.source(), entry.sourceEventId(),
                    prevHash, null);
            AuditEntry sealed = unsealed.withHashes(prevHash, ChainHash.of(unsealed));
            insert(sealed);
            jdbc.update("update audit_chain_head set sequence = ?, hash = ? where id = 1", sequence, sealed.hash());
            if (sequence % checkpointEvery == 0) {
                insert(keys.sign(sequence, sealed.hash(), now));
            }
            return new Appended(Outcome.APPENDED, sequence);
        });
        if (result.outcome() == Outcome.APPENDED) {
            appended.increment();
        }
        return result;
    }

    public Page<AuditEntry> search(AuditQuery query, Pageable page) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        condition(where, args, "actor_id = ?", query.actorId());
        condition(where, args, "entity_type = ?", query.entityType());
        condition(where, args, "entity_id = ?", query.entityId());
        condition(where, args, "action = ?", query.action());
        condition(where, args, "occurred_at >= ?", query.from() == null ? null : utc(query.from()));
        condition(where, args, "occurred_at <= ?", query.to() == null ? null : utc(query.to()));
        Long total = jdbc.queryForObject("select count(*) from audit_entry" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(page.getOffset());
        pageArgs.add(page.getPageSize());
        List<AuditEntry> content = jdbc.query("select " + AuditRows.ENTRY_COLUMNS + " from audit_entry" + where
                + " order by sequence desc offset ? rows fetch next ? rows only", (rows, i) -> AuditRows.entry(rows),
                pageArgs.toArray());
        return new PageImpl<>(content, page, total == null ? 0 : total);
    }

    public Optional<AuditEntry> get(long sequence) {
        return jdbc.query("select " + AuditRows.ENTRY_COLUMNS + " from audit_entry where sequence = ?",
                (rows, i) -> AuditRows.entry(rows), sequence).stream().findFirst();
    }

    /** The whole chain checked against its hashes and the checkpoints signed by the keys this service trusts. */
    public VerifyResult verify() {
        return jdbc.execute((ConnectionCallback<VerifyResult>) connection ->
                AuditRows.verify(connection, keys.trustedPublicKeys()));
    }

    /** Writes entries {@code from..to} and the checkpoints that cover them (from the one before) as export lines. */
    public void export(long from, long to, ExportFormat.Writer out) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            for (Checkpoint checkpoint : AuditRows.checkpoints(connection, Math.max(0, from - 1)).headMap(to, true).values()) {
                out.checkpoint(checkpoint);
            }
            var entries = AuditRows.entries(connection, from, to);
            while (entries.hasNext()) {
                out.entry(entries.next());
            }
            return null;
        });
    }

    public CheckpointKeys keys() {
        return keys;
    }

    private void insert(AuditEntry e) {
        jdbc.update("insert into audit_entry (" + AuditRows.ENTRY_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.sequence(), utc(e.recordedAt()), utc(e.occurredAt()), e.actorType(), e.actorId(), e.action(),
                e.entityType(), e.entityId(), e.beforeState(), e.afterState(), e.traceId(), e.source(), e.sourceEventId(),
                e.prevHash(), e.hash());
    }

    private void insert(Checkpoint c) {
        jdbc.update("insert into audit_checkpoint (sequence, entry_hash, signed_at, key_id, public_key, signature) "
                + "values (?, ?, ?, ?, ?, ?)", c.sequence(), c.entryHash(), utc(c.signedAt()), c.keyId(), c.publicKey(),
                c.signature());
    }

    private static void condition(StringBuilder where, List<Object> args, String clause, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            args.add(value);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
