package dev.souk.backup;

/**
 * What checking a backup file found: whether its SHA-256 still matches the one written beside it, and whether the
 * restore drill could read it back ({@code tables} restored, {@code rows} in them; -1 where the format does not say).
 */
public record Verification(String app, String backupId, boolean ok, boolean checksumMatches, boolean restored,
                           int tables, long rows, String detail) {
}
