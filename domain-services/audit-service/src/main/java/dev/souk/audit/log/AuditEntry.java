package dev.souk.audit.log;

import java.time.Instant;

/**
 * One entry of the audit log as it is stored and hashed. {@code hash} is the SHA-256 of the entry's content and of
 * {@code prevHash}, the hash of the entry before it (see {@link ChainHash}).
 *
 * @param sequence      position in the chain, from 1, without gaps
 * @param recordedAt    when the audit log wrote it
 * @param occurredAt    when the act happened, as its source says
 * @param actorType     USER, SERVICE or SYSTEM
 * @param actorId       the user id, or the service that acted
 * @param action        what was done: the event type ({@code OrderConfirmed}, {@code SignInFailed}, …)
 * @param entityType    the kind of thing it was done to ({@code order}, {@code account}, …)
 * @param entityId      its id
 * @param beforeState   a summary of the thing before the act, where there is one (JSON)
 * @param afterState    a summary of the thing after it (JSON)
 * @param traceId       the trace the act ran in, where known
 * @param source        where the entry came from (the topic)
 * @param sourceEventId the event's id: each event is recorded once
 */
public record AuditEntry(long sequence, Instant recordedAt, Instant occurredAt, String actorType, String actorId,
                         String action, String entityType, String entityId, String beforeState, String afterState,
                         String traceId, String source, String sourceEventId, String prevHash, String hash) {

    /** The same entry with another hash, for a chain being built. */
    AuditEntry withHashes(String prevHash, String hash) {
        return new AuditEntry(sequence, recordedAt, occurredAt, actorType, actorId, action, entityType, entityId,
                beforeState, afterState, traceId, source, sourceEventId, prevHash, hash);
    }
}
