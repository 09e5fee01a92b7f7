package dev.souk.contracts.events;

/** A past-tense fact about one aggregate, published on {@link #topic()}. */
public interface DomainEvent {

    /** The topic this event belongs to (see {@link dev.souk.contracts.Topics}). */
    String topic();

    String aggregateType();

    String aggregateId();

    /** The event's name on the wire; by default the record's simple name. */
    default String eventType() {
        return getClass().getSimpleName();
    }

    /** Schema version of this record; bump it when a field changes meaning or is removed. */
    default int eventVersion() {
        return 1;
    }
}
