package dev.souk.audit.log;

import java.time.Instant;

/** An act to record; the log gives it its sequence, time of recording and hashes. */
public record NewEntry(Instant occurredAt, String actorType, String actorId, String action, String entityType,
                       String entityId, String beforeState, String afterState, String traceId, String source,
                       String sourceEventId) {
}
