package dev.souk.search.feed;

import dev.souk.search.index.IndexedProduct;
import dev.souk.search.index.IndexedProductStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies what the hub relays from product-service, inventory-service and review-service to the products the index is
 * built from. Each change is applied once per event id, and never over a newer state of the same thing, so events may
 * arrive twice or late (a replayed dead letter) without harm. The index follows when the transaction commits.
 */
@Service
public class CatalogFeed {

    private static final Logger log = LoggerFactory.getLogger(CatalogFeed.class);

    /** What applying an event did. */
    public enum Outcome { APPLIED, STALE, DUPLICATE }

    private final IndexedProductStore products;
    private final ProcessedEvents processed;
    private final Clock clock;

    CatalogFeed(IndexedProductStore products, ProcessedEvents processed, Clock clock) {
        this.products = products;
        this.processed = processed;
        this.clock = clock;
    }

    /** The catalog's description of a product, or its removal when {@code product} is null. */
    @Transactional
    public Outcome catalogChanged(String eventId, String productId, Instant occurredAt, CatalogProduct product) {
        Instant now = clock.instant();
        if (!processed.firstTime(eventId, now)) {
            return Outcome.DUPLICATE;
        }
        IndexedProduct indexed = lockOrCreate(productId, now);
        if (product == null) {
            indexed.delete(occurredAt, now);
            return Outcome.APPLIED;
        }
        return describe(indexed, product, now) ? Outcome.APPLIED : Outcome.STALE;
    }

    /** Whether any variant of the product can be bought, as inventory-service reported it at {@code observedAt}. */
    @Transactional
    public Outcome stockChanged(String eventId, String productId, boolean inStock, Instant observedAt) {
        Instant now = clock.instant();
        if (!processed.firstTime(eventId, now)) {
            return Outcome.DUPLICATE;
        }
        return lockOrCreate(productId, now).stock(inStock, observedAt) ? Outcome.APPLIED : Outcome.STALE;
    }

    /** The product's rating over its published reviews; {@code average} is null without any. */
    @Transactional
    public Outcome ratingChanged(String eventId, String productId, Double average, long count, Instant occurredAt) {
        Instant now = clock.instant();
        if (!processed.firstTime(eventId, now)) {
            return Outcome.DUPLICATE;
        }
        return lockOrCreate(productId, now).rate(average, count, occurredAt) ? Outcome.APPLIED : Outcome.STALE;
    }

    /** One page of a reindex: every product described again (stock and rating stay as they are); answers how many. */
    @Transactional
    public int describeAll(Collection<CatalogProduct> page) {
        Instant now = clock.instant();
        List<String> ids = page.stream().map(CatalogProduct::id).toList();
        Map<String, IndexedProduct> existing = products.findAllForUpdate(ids).stream()
                .collect(Collectors.toMap(IndexedProduct::id, Function.identity()));
        int described = 0;
        for (CatalogProduct product : page) {
            IndexedProduct indexed = existing.get(product.id());
            if (indexed == null) {
                indexed = products.save(new IndexedProduct(product.id(), now));
            }
            if (describe(indexed, product, now)) {
                described++;
            }
        }
        return described;
    }

    private boolean describe(IndexedProduct indexed, CatalogProduct product, Instant now) {
        boolean applied = indexed.describe(product.name(), product.description(), product.category(), product.currency(),
                product.active(), product.prices(), product.createdAt(), product.updatedAt(), now);
        if (!applied) {
            log.debug("Description of {} from {} is older than the one held, or the product is deleted", product.id(),
                    product.updatedAt());
        }
        return applied;
    }

    private IndexedProduct lockOrCreate(String productId, Instant now) {
        return products.findForUpdate(productId).orElseGet(() -> products.save(new IndexedProduct(productId, now)));
    }
}
