package dev.souk.audit.api;

import dev.souk.audit.log.AuditEntry;
import dev.souk.audit.log.AuditLog;
import dev.souk.audit.log.AuditQuery;
import dev.souk.audit.log.ExportFormat;
import dev.souk.audit.log.VerifyResult;
import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import dev.souk.kit.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.PageRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/audit")
@Validated
@Tag(name = "Audit log", description = "Every domain event and every security and administrative act, append-only: each "
        + "entry holds the SHA-256 of its content and of the entry before it, and every N entries a checkpoint is signed "
        + "(Ed25519). Nothing here changes or removes an entry. Administrator only.")
public class AuditController {

    private static final String TEXT = "[\\p{L}\\p{N}@._:/+-]{1,200}";
    private static final String TEXT_MESSAGE = "must be 1-200 letters, digits or @._:/+-";

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    public record EntryResponse(long sequence, Instant recordedAt, Instant occurredAt, String actorType, String actorId,
                                String action, String entityType, String entityId, String before, String after,
                                String traceId, String source, String sourceEventId, String prevHash, String hash) {
        static EntryResponse of(AuditEntry e) {
            return new EntryResponse(e.sequence(), e.recordedAt(), e.occurredAt(), e.actorType(), e.actorId(), e.action(),
                    e.entityType(), e.entityId(), e.beforeState(), e.afterState(), e.traceId(), e.source(),
                    e.sourceEventId(), e.prevHash(), e.hash());
        }
    }

    public record SigningKeyResponse(String algorithm, String keyId, String publicKey) {
    }

    @GetMapping
    @Operation(summary = "Search the log", description = "Newest first. Filters are exact (actor id, entity type and id, "
            + "action = the event type such as OrderConfirmed or SignInFailed); from/to bound the time of the act "
            + "(ISO-8601, inclusive).")
    PageResponse<EntryResponse> search(
            @RequestParam(required = false) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String actor,
            @RequestParam(required = false) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String entityType,
            @RequestParam(required = false) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String entityId,
            @RequestParam(required = false) @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        if (from != null && to != null && from.isAfter(to)) {
            throw invalid("from", "must not be after to");
        }
        return PageResponse.of(log.search(new AuditQuery(actor, entityType, entityId, action, from, to),
                PageRequest.of(page, size)), EntryResponse::of);
    }

    @GetMapping("/entries/{sequence}")
    @Operation(summary = "One entry", description = "404 NOT_FOUND when the log has no entry with this sequence.")
    EntryResponse entry(@PathVariable @Min(1) long sequence) {
        return log.get(sequence).map(EntryResponse::of).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "The audit log has no entry " + sequence + "."));
    }

    @GetMapping("/verify")
    @Operation(summary = "Verify the chain",
            description = "Recomputes every entry's hash, checks that each names the one before it and that every signed "
                    + "checkpoint matches, with a signature by this service's key (or a key it was told to trust). ok=false "
                    + "names the first sequence that does not check out and why.")
    VerifyResult verify() {
        return log.verify();
    }

    @GetMapping(path = "/export", produces = ExportFormat.MEDIA_TYPE)
    @Operation(summary = "Export the log",
            description = "JSON Lines: the signed checkpoints, then entries fromSequence..toSequence as stored. The "
                    + "offline verifier checks such a file without the running stack (see the README).")
    ResponseEntity<StreamingResponseBody> export(
            @Parameter(description = "first entry, default 1") @RequestParam(defaultValue = "1") @Min(1) long fromSequence,
            @Parameter(description = "last entry, default the last") @RequestParam(defaultValue = "9223372036854775807") @Min(1) long toSequence) {
        if (fromSequence > toSequence) {
            throw invalid("fromSequence", "must not be after toSequence");
        }
        StreamingResponseBody body = out -> {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
            log.export(fromSequence, toSequence, ExportFormat.writer(buffered));
            buffered.flush();
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"souk-audit-" + fromSequence + ".ndjson\"")
                .contentType(MediaType.parseMediaType(ExportFormat.MEDIA_TYPE))
                .body(body);
    }

    @GetMapping("/signing-key")
    @Operation(summary = "The checkpoint signing key",
            description = "The public key checkpoints are signed with: give it to the offline verifier (--public-key) so "
                    + "it trusts only this key.")
    SigningKeyResponse signingKey() {
        return new SigningKeyResponse("Ed25519", log.keys().keyId(), log.keys().publicKey());
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, "Request is invalid.")
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }
}
