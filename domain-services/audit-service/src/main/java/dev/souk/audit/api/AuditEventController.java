package dev.souk.audit.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.souk.audit.log.AuditLog;
import dev.souk.audit.log.EventEntries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.slf4j.MDC;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Where the hub hands over every event of every topic it fans out to the audit log (SERVICE only). */
@RestController
@RequestMapping("/api/audit/internal")
@Validated
@Tag(name = "Platform", description = "Called by the integration hub only (SERVICE token).")
public class AuditEventController {

    private final AuditLog log;

    AuditEventController(AuditLog log) {
        this.log = log;
    }

    /** The event envelope as it travels on Kafka (see contracts' EventEnvelope). */
    public record EventEnvelopeRequest(
            @NotBlank @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be a UUID") String eventId,
            @NotBlank @Size(max = 100) String type,
            @NotBlank @Size(max = 100) String aggregateType,
            @NotBlank @Size(max = 200) String aggregateId,
            Instant occurredAt,
            @NotNull JsonNode payload) {
    }

    public record RecordEventRequest(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9.-]{0,99}", message = "must be a topic name") String topic,
            @NotNull @Valid EventEnvelopeRequest event) {
    }

    public record RecordEventResponse(String eventId, String outcome, long sequence) {
    }

    @PostMapping("/events")
    @Operation(summary = "Record an event (hub)",
            description = "Appends the event to the chain as one entry: APPENDED with its sequence, or DUPLICATE with the "
                    + "sequence it already has (once per eventId).")
    RecordEventResponse record(@Valid @RequestBody RecordEventRequest request) {
        EventEnvelopeRequest event = request.event();
        AuditLog.Appended appended = log.append(EventEntries.of(request.topic(), event.eventId().toLowerCase(java.util.Locale.ROOT),
                event.type(), event.aggregateType(), event.aggregateId(), event.occurredAt(), event.payload(),
                MDC.get("traceId")));
        return new RecordEventResponse(event.eventId(), appended.outcome().name(), appended.sequence());
    }
}
