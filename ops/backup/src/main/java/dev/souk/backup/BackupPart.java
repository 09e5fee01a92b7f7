package dev.souk.backup;

import java.time.Instant;

/**
 * One app's share of a backup: the file in the backup's folder ({@code <backupId>/<file>}), its size and SHA-256,
 * and the format ({@link DatabaseBackup#H2_FORMAT} or {@link DatabaseBackup#PG_DUMP_FORMAT}).
 */
public record BackupPart(String app, String backupId, String file, long bytes, String sha256, String format,
                         Instant createdAt) {
}
