package dev.souk.contracts;

import dev.souk.contracts.events.AuthEvents.SessionRevoked;
import dev.souk.contracts.events.EventEnvelope;
import dev.souk.contracts.events.InventoryEvents.Line;
import dev.souk.contracts.events.InventoryEvents.StockReserved;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class EventEnvelopeTests {

    @Test
    void envelopeTakesTypeTopicAndAggregateFromTheEvent() {
        var event = new StockReserved("order-1", List.of(new Line("prod-1", "var-1", 2)));
        var now = Instant.parse("2026-01-01T00:00:00Z");

        var envelope = EventEnvelope.of(event, now);

        assertThat(envelope.type()).isEqualTo("StockReserved");
        assertThat(envelope.version()).isEqualTo(1);
        assertThat(envelope.aggregateType()).isEqualTo("reservation");
        assertThat(envelope.aggregateId()).isEqualTo("order-1");
        assertThat(envelope.occurredAt()).isEqualTo(now);
        assertThat(event.topic()).isEqualTo(Topics.INVENTORY_EVENTS);
    }

    @Test
    void everyEnvelopeGetsItsOwnEventId() {
        var event = new StockReserved("order-1", List.of());
        assertThat(EventEnvelope.of(event, Instant.now()).eventId())
                .isNotEqualTo(EventEnvelope.of(event, Instant.now()).eventId());
    }

    @Test
    void missingFieldsAreRejected() {
        assertThatNullPointerException().isThrownBy(() ->
                new EventEnvelope<>(null, "t", 1, "a", "id", Instant.now(), new StockReserved("o", List.of())));
    }

    @Test
    void aRevokedSessionIsKeyedByItsSessionOnAuthEvents() {
        var revoked = new SessionRevoked("fam-1", "user-1", Instant.parse("2026-01-01T00:15:00Z"));

        var envelope = EventEnvelope.of(revoked, Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(envelope.type()).isEqualTo("SessionRevoked");
        assertThat(envelope.aggregateId()).isEqualTo("fam-1");
        assertThat(revoked.topic()).isEqualTo(Topics.AUTH_EVENTS).isEqualTo("auth-events");
        assertThat(Topics.ALL).doesNotContain(Topics.AUTH_EVENTS);
    }

    @Test
    void deadLetterTopicFollowsTheConvention() {
        assertThat(Topics.deadLetterOf(Topics.ORDER_CREATED)).isEqualTo("order-created.DLT");
    }
}
