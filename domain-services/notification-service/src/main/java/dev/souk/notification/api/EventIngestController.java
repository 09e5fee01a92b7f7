package dev.souk.notification.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import dev.souk.notification.ingest.EventIngest;
import dev.souk.notification.ingest.IncomingEvent;
import dev.souk.notification.ingest.InvalidEventException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Where the hub hands over the events customers hear about (SERVICE only). */
@RestController
@RequestMapping("/api/notifications/internal")
@Validated
@Tag(name = "Platform", description = "Called by the integration hub only (SERVICE token).")
public class EventIngestController {

    private final EventIngest ingest;

    EventIngestController(EventIngest ingest) {
        this.ingest = ingest;
    }

    /** The event envelope as it travels on Kafka (see contracts' EventEnvelope). */
    public record EventEnvelopeRequest(
            @NotBlank @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be a UUID") String eventId,
            @NotBlank @Size(max = 100) String type,
            Instant occurredAt,
            @NotNull JsonNode payload) {
    }

    public record IngestResponse(String eventId, String outcome) {
    }

    @PostMapping("/events")
    @Operation(summary = "Apply an event (hub)",
            description = "User, order, payment and delivery events become the notification of the customer they concern; "
                    + "other types are IGNORED. Applied once per eventId: a repeat answers DUPLICATE and changes nothing.")
    IngestResponse ingest(@Valid @RequestBody EventEnvelopeRequest event) {
        try {
            EventIngest.Outcome outcome = ingest.apply(new IncomingEvent(event.eventId(), event.type(), event.occurredAt(), event.payload()));
            return new IngestResponse(event.eventId(), outcome.name());
        } catch (InvalidEventException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, e.getMessage()).with("errors", e.errors());
        }
    }
}
