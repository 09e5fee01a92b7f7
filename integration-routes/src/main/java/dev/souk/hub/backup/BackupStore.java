package dev.souk.hub.backup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.souk.backup.BackupPart;
import dev.souk.backup.Verification;

/** The hub's record of its backups ({@code backup}, {@code backup_part}): what /api/backups shows. */
@Component
public class BackupStore {

    public enum Status { RUNNING, SUCCEEDED, FAILED }

    public record Part(String app, String file, Long bytes, String sha256, String format, Instant createdAt,
                       String error, Boolean verified, Instant verifiedAt, String verifyDetail) {
    }

    /** One backup; {@code ageSeconds} since it started, {@code verified} when its last verification passed. */
    public record Backup(String id, Status status, String requestedBy, Instant startedAt, Instant finishedAt,
                         long ageSeconds, boolean verified, String verification, Instant verifiedAt, String summary,
                         long totalBytes, Instant prunedAt, List<Part> parts) {
    }

    public record BackupPage(List<Backup> content, int page, int size, long totalElements) {
    }

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final JdbcTemplate jdbc;

    public BackupStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new backup, RUNNING; its id names the folder its files go to. */
    public String start(String requestedBy) {
        Instant now = Instant.now();
        String id = "backup-" + ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 6);
        jdbc.update("insert into backup (id, status, requested_by, started_at) values (?, ?, ?, ?)",
                id, Status.RUNNING.name(), requestedBy, Timestamp.from(now));
        return id;
    }

    /**
     * Ends every other RUNNING backup as FAILED: runs of the backup job never overlap (across hubs too), so one still
     * RUNNING when a run starts was cut off by a hub that died, or was restored from a backup taken while it ran.
     */
    public int failInterrupted(String current) {
        return jdbc.update("update backup set status = 'FAILED', finished_at = ?, "
                        + "summary = 'interrupted: the hub running it stopped before it ended' where status = 'RUNNING' and id <> ?",
                Timestamp.from(Instant.now()), current);
    }

    public void failUnstarted(String backupId, String reason) {
        jdbc.update("update backup set status = 'FAILED', finished_at = ?, summary = ? where id = ? and status = 'RUNNING'",
                Timestamp.from(Instant.now()), cut("could not be started: " + reason), backupId);
    }

    public void recordPart(String backupId, BackupPart part) {
        jdbc.update("delete from backup_part where backup_id = ? and app = ?", backupId, part.app());
        jdbc.update("insert into backup_part (backup_id, app, file, bytes, sha256, format, created_at) values (?, ?, ?, ?, ?, ?, ?)",
                backupId, part.app(), part.file(), part.bytes(), part.sha256(), part.format(), Timestamp.from(part.createdAt()));
    }

    public void recordFailure(String backupId, String app, String error) {
        jdbc.update("delete from backup_part where backup_id = ? and app = ?", backupId, app);
        jdbc.update("insert into backup_part (backup_id, app, error) values (?, ?, ?)", backupId, app, cut(error));
    }

    /** Ends the backup: SUCCEEDED when every app's database is in it; answers the summary. */
    public String finish(String backupId) {
        Backup backup = find(backupId).orElseThrow();
        long failed = backup.parts().stream().filter(p -> p.error() != null).count();
        Status status = failed == 0 && !backup.parts().isEmpty() ? Status.SUCCEEDED : Status.FAILED;
        String summary = "backed up " + (backup.parts().size() - failed) + " of " + backup.parts().size()
                + " databases, " + backup.totalBytes() + " bytes"
                + (failed == 0 ? "" : "; failed: " + String.join(", ", backup.parts().stream()
                        .filter(p -> p.error() != null).map(Part::app).toList()));
        jdbc.update("update backup set status = ?, finished_at = ?, summary = ? where id = ?",
                status.name(), Timestamp.from(Instant.now()), summary, backupId);
        return summary;
    }

    public void recordVerification(String backupId, Verification verification) {
        jdbc.update("update backup_part set verified = ?, verified_at = ?, verify_detail = ? where backup_id = ? and app = ?",
                verification.ok(), Timestamp.from(Instant.now()), cut(verification.detail()), backupId, verification.app());
    }

    /** Ends a verification: PASSED when every file checked out; answers the summary. */
    public String finishVerification(String backupId) {
        Backup backup = find(backupId).orElseThrow();
        List<Part> files = backup.parts().stream().filter(p -> p.error() == null).toList();
        List<String> failed = files.stream().filter(p -> !Boolean.TRUE.equals(p.verified())).map(Part::app).toList();
        String verification = failed.isEmpty() && !files.isEmpty() ? "PASSED" : "FAILED";
        jdbc.update("update backup set verification = ?, verified_at = ? where id = ?",
                verification, Timestamp.from(Instant.now()), backupId);
        return "verified " + backupId + ": " + (files.size() - failed.size()) + " of " + files.size()
                + " files match their checksum and restore" + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed));
    }

    /**
     * The backups whose files go: every finished one older than the oldest of the newest {@code keep} complete
     * (SUCCEEDED) backups, except the newest one that passed verification (so a run of backups that fail verification
     * never takes the last good one with it). With fewer complete backups than that, none.
     */
    public List<String> prunable(int keep) {
        List<Timestamp> kept = jdbc.queryForList("select started_at from backup where status = 'SUCCEEDED' and pruned_at is null "
                + "order by started_at desc fetch first ? rows only", Timestamp.class, keep);
        if (kept.size() < keep) {
            return List.of();
        }
        List<String> newestVerified = jdbc.queryForList("select id from backup where verification = 'PASSED' "
                + "and pruned_at is null order by started_at desc fetch first 1 rows only", String.class);
        return jdbc.queryForList("select id from backup where status <> 'RUNNING' and pruned_at is null and started_at < ? "
                        + "order by started_at", String.class, kept.get(kept.size() - 1)).stream()
                .filter(id -> !newestVerified.contains(id))
                .toList();
    }

    /** Seconds since the newest backup whose verification passed started; -1 while there is none. */
    public long newestVerifiedAgeSeconds() {
        List<Timestamp> newest = jdbc.queryForList("select started_at from backup where verification = 'PASSED' "
                + "and pruned_at is null order by started_at desc fetch first 1 rows only", Timestamp.class);
        return newest.isEmpty() ? -1 : Duration.between(newest.get(0).toInstant(), Instant.now()).toSeconds();
    }

    public void markPruned(String backupId) {
        jdbc.update("update backup set pruned_at = ? where id = ?", Timestamp.from(Instant.now()), backupId);
    }

    public Optional<Backup> find(String backupId) {
        List<Backup> found = jdbc.query("select * from backup where id = ?", (rs, i) -> backup(rs, parts(rs.getString("id"))),
                backupId);
        return found.stream().findFirst();
    }

    /** The most recent backup that finished with every database in it. */
    public Optional<String> latestSucceeded() {
        return jdbc.queryForList("select id from backup where status = 'SUCCEEDED' and pruned_at is null "
                        + "order by started_at desc fetch first 1 rows only",
                String.class).stream().findFirst();
    }

    public BackupPage page(int page, int size) {
        List<Backup> content = jdbc.query("select * from backup order by started_at desc, id offset ? rows fetch first ? rows only",
                (rs, i) -> backup(rs, parts(rs.getString("id"))), (long) page * size, size);
        Long total = jdbc.queryForObject("select count(*) from backup", Long.class);
        return new BackupPage(content, page, size, total == null ? 0 : total);
    }

    private List<Part> parts(String backupId) {
        return jdbc.query("select * from backup_part where backup_id = ? order by app", (rs, i) -> new Part(
                rs.getString("app"), rs.getString("file"), (Long) rs.getObject("bytes", Long.class), rs.getString("sha256"),
                rs.getString("format"), instant(rs, "created_at"), rs.getString("error"),
                (Boolean) rs.getObject("verified", Boolean.class), instant(rs, "verified_at"), rs.getString("verify_detail")),
                backupId);
    }

    private static Backup backup(ResultSet rs, List<Part> parts) throws SQLException {
        long total = parts.stream().filter(p -> p.bytes() != null).mapToLong(Part::bytes).sum();
        Instant started = instant(rs, "started_at");
        String verification = rs.getString("verification");
        return new Backup(rs.getString("id"), Status.valueOf(rs.getString("status")), rs.getString("requested_by"),
                started, instant(rs, "finished_at"), Duration.between(started, Instant.now()).toSeconds(),
                "PASSED".equals(verification), verification, instant(rs, "verified_at"), rs.getString("summary"), total,
                instant(rs, "pruned_at"), parts);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static String cut(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1990) + "…(cut)";
    }
}
