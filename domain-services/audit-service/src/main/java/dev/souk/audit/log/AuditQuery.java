package dev.souk.audit.log;

import java.time.Instant;

/** Filters of a search in the log; every one optional. */
public record AuditQuery(String actorId, String entityType, String entityId, String action, Instant from, Instant to) {
}
