package dev.souk.contracts.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on every Souk topic: a versioned, immutable envelope around one domain event.
 * Consumers deduplicate by {@link #eventId()}.
 *
 * @param eventId      unique per event; the idempotency key of every consumer
 * @param type         the event's name, e.g. {@code StockReserved}
 * @param version      schema version of the payload
 * @param aggregateType the kind of thing that changed, e.g. {@code reservation}
 * @param aggregateId  the id of the thing that changed; also the Kafka record key
 * @param occurredAt   when the change was committed
 * @param payload      the event record itself
 */
public record EventEnvelope<T extends DomainEvent>(
        UUID eventId,
        String type,
        int version,
        String aggregateType,
        String aggregateId,
        Instant occurredAt,
        T payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }

    /** Wraps {@code event} in a fresh envelope stamped now. */
    public static <T extends DomainEvent> EventEnvelope<T> of(T event, Instant now) {
        return new EventEnvelope<>(UUID.randomUUID(), event.eventType(), event.eventVersion(),
                event.aggregateType(), event.aggregateId(), now, event);
    }
}
