package dev.souk.notification.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** An event envelope as it travels on Kafka, handed over by the hub. */
public record IncomingEvent(String eventId, String type, Instant occurredAt, JsonNode payload) {
}
