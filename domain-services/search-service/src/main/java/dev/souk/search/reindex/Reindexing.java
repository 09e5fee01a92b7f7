package dev.souk.search.reindex;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.events.SearchEvents.SearchReindexRequested;
import dev.souk.kit.outbox.Outbox;
import dev.souk.kit.problem.ApiException;
import dev.souk.search.feed.CatalogFeed;
import dev.souk.search.feed.CatalogProduct;
import dev.souk.search.index.IndexMaintenance;
import dev.souk.search.index.IndexedProduct;
import dev.souk.search.index.IndexedProductStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Rebuilds the index from the catalog while it keeps answering: nothing is emptied first. The hub reads product-service
 * page by page and every product is described again in place; when the last page is in, the products that neither the
 * pages nor a live event have described since the start are no longer in the catalog and leave the results.
 */
@Service
public class Reindexing {

    private static final Logger log = LoggerFactory.getLogger(Reindexing.class);
    private static final int REMOVAL_BATCH = 500;

    /** A request answered with the run it started, or the one already running. */
    public record Requested(ReindexRun run, boolean started) {
    }

    private final ReindexRuns runs;
    private final CatalogFeed feed;
    private final IndexedProductStore products;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration stallAfter;
    private final TransactionTemplate transactions;
    private final IndexMaintenance maintenance;

    Reindexing(ReindexRuns runs, CatalogFeed feed, IndexedProductStore products, Outbox outbox, Clock clock,
               @Value("${souk.search.reindex-stall-after}") Duration stallAfter, TransactionTemplate transactions,
               IndexMaintenance maintenance) {
        this.runs = runs;
        this.feed = feed;
        this.products = products;
        this.outbox = outbox;
        this.clock = clock;
        this.stallAfter = stallAfter;
        this.transactions = transactions;
        this.maintenance = maintenance;
    }

    /** How many products the index offers for sale now. */
    @Transactional(readOnly = true)
    public long searchable() {
        return products.countSearchable();
    }

    /** Starts a reindex, unless one is running: then that one is the answer. A stalled one is given up. */
    @Transactional
    public Requested request(String requestedBy) {
        Instant now = clock.instant();
        for (ReindexRun running : runs.findRunningForUpdate()) {
            if (running.status(now, stallAfter) == ReindexRun.Status.RUNNING) {
                return new Requested(running, false);
            }
            running.fail("No progress for " + stallAfter + "; given up when a new reindex was requested.", now);
        }
        ReindexRun run = runs.save(new ReindexRun("reindex-" + UUID.randomUUID(), requestedBy, now));
        outbox.record(new SearchReindexRequested(run.id(), requestedBy));
        log.info("Reindex {} requested by {}", run.id(), requestedBy);
        return new Requested(run, true);
    }

    /** One page of the catalog for a running reindex; answers the run after it. */
    @Transactional
    public ReindexRun page(String reindexId, List<CatalogProduct> page) {
        ReindexRun run = running(reindexId);
        feed.describeAll(page);
        run.pageDone(page.size(), clock.instant());
        return run;
    }

    /**
     * The hub has handed over every page: what was not described since the start leaves the results (in batches, each
     * its own transaction, so the index is never locked for long). Repeating it for a completed run changes nothing.
     */
    public ReindexRun complete(String reindexId) {
        ReindexRun started = transactions.execute(status -> {
            ReindexRun run = require(reindexId);
            return run.status(clock.instant(), stallAfter) == ReindexRun.Status.COMPLETED ? null : running(reindexId);
        });
        if (started == null) {
            return get(reindexId);
        }
        long removed = 0;
        int batch;
        do {
            batch = transactions.execute(status -> {
                List<IndexedProduct> unseen = products.findNotSeenSince(started.startedAt(), PageRequest.of(0, REMOVAL_BATCH));
                Instant now = clock.instant();
                unseen.forEach(product -> product.leaveCatalog(now));
                return unseen.size();
            });
            removed += batch;
        } while (batch == REMOVAL_BATCH);
        maintenance.compact();
        long removedProducts = removed;
        ReindexRun run = transactions.execute(status -> {
            ReindexRun current = running(reindexId);
            current.complete(removedProducts, clock.instant());
            return current;
        });
        log.info("Reindex {} completed: {} pages, {} products, {} no longer in the catalog", run.id(), run.pages(),
                run.products(), removedProducts);
        return run;
    }

    /** The hub could not finish the reindex. */
    @Transactional
    public ReindexRun fail(String reindexId, String reason) {
        ReindexRun run = running(reindexId);
        run.fail(reason, clock.instant());
        log.warn("Reindex {} failed: {}", reindexId, reason);
        return run;
    }

    @Transactional(readOnly = true)
    public ReindexRun get(String reindexId) {
        return require(reindexId);
    }

    public ReindexRun.Status statusOf(ReindexRun run) {
        return run.status(clock.instant(), stallAfter);
    }

    private ReindexRun running(String reindexId) {
        ReindexRun run = runs.findForUpdate(reindexId).orElseThrow(() -> notFound(reindexId));
        ReindexRun.Status status = run.status(clock.instant(), stallAfter);
        if (status != ReindexRun.Status.RUNNING) {
            throw ApiException.conflict(ProblemCodes.REINDEX_NOT_RUNNING, "Reindex " + reindexId + " is " + status + ".")
                    .with("status", status.name());
        }
        return run;
    }

    private ReindexRun require(String reindexId) {
        return runs.findById(reindexId).orElseThrow(() -> notFound(reindexId));
    }

    private static ApiException notFound(String reindexId) {
        return ApiException.notFound(ProblemCodes.REINDEX_NOT_FOUND, "No reindex " + reindexId + ".");
    }
}
