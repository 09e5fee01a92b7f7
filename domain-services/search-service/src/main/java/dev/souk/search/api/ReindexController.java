package dev.souk.search.api;

import dev.souk.contracts.Ids;
import dev.souk.kit.security.Access;
import dev.souk.search.api.FeedController.ProductDocument;
import dev.souk.search.reindex.ReindexRun;
import dev.souk.search.reindex.Reindexing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Rebuilding the index from the catalog: the administrator asks for it and follows it; the hub, which reads
 * product-service, hands over the pages and says when it is done or why it failed.
 */
@RestController
@RequestMapping("/api/search")
@Validated
@Tag(name = "Search reindex")
public class ReindexController {

    private final Reindexing reindexing;

    ReindexController(Reindexing reindexing) {
        this.reindexing = reindexing;
    }

    public record ReindexResponse(String reindexId, ReindexRun.Status status, String requestedBy, Instant startedAt,
                                  Instant progressedAt, Instant finishedAt, int pages, long products, long removed,
                                  String failure) {
    }

    /** One page of product-service's catalog list, as it answers {@code GET /api/products?includeInactive=true}. */
    public record CatalogPage(@NotNull @Size(max = 1000) List<@Valid @NotNull ProductDocument> content) {
    }

    public record Failure(@NotBlank @Size(max = 1000) String reason) {
    }

    /** How many products the index offers; the hub's scheduler compares it with the catalog. */
    public record IndexState(long searchable) {
    }

    @PostMapping({"/reindex", "/internal/reindex"})
    @Operation(summary = "Rebuild the index from the catalog (administrator; the hub's scheduler at /internal)",
            description = "Answers 202 at once with the reindex, or with the one already running; the index keeps "
                    + "answering meanwhile. Follow it at the Location.")
    ResponseEntity<ReindexResponse> request() {
        Reindexing.Requested requested = reindexing.request(Access.caller().userId());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/search/reindex/" + requested.run().id()))
                .body(response(requested.run()));
    }

    @GetMapping("/internal/index-state")
    @Operation(summary = "How many products the index offers for sale (hub)",
            description = "The hub's scheduler compares it with product-service's catalog and asks for a reindex when "
                    + "they differ.")
    IndexState indexState() {
        return new IndexState(reindexing.searchable());
    }

    @GetMapping("/reindex/{reindexId}")
    @Operation(summary = "How a reindex is doing (administrator)",
            description = "RUNNING, COMPLETED, FAILED, or STALLED when it made no progress for a while.")
    ReindexResponse get(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String reindexId) {
        return response(reindexing.get(reindexId));
    }

    @PostMapping("/internal/reindex/{reindexId}/pages")
    @Operation(summary = "One page of the catalog for a running reindex (hub)")
    ReindexResponse page(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String reindexId,
                         @Valid @RequestBody CatalogPage page) {
        return response(reindexing.page(reindexId, page.content().stream()
                .map(ProductDocument::toCatalogProduct).toList()));
    }

    @PostMapping("/internal/reindex/{reindexId}/completion")
    @Operation(summary = "Every page was handed over (hub)",
            description = "Products no page and no event described since the start leave the results. Idempotent.")
    ReindexResponse complete(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String reindexId) {
        return response(reindexing.complete(reindexId));
    }

    @PostMapping("/internal/reindex/{reindexId}/failure")
    @Operation(summary = "The reindex cannot be finished (hub)")
    ReindexResponse fail(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String reindexId,
                         @Valid @RequestBody Failure failure) {
        return response(reindexing.fail(reindexId, failure.reason()));
    }

    private ReindexResponse response(ReindexRun run) {
        return new ReindexResponse(run.id(), reindexing.statusOf(run), run.requestedBy(), run.startedAt(),
                run.progressedAt(), run.finishedAt(), run.pages(), run.products(), run.removed(), run.failure());
    }
}
