package dev.souk.recommendation.learning;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * What the service learns from the hub: orders that became purchases (or stopped being ones) and what the catalog and
 * the stock say about products. Each event is applied once per event id, in the same transaction as its effect, so
 * the hub may deliver an event again, late, or replay a whole topic without counting anything twice.
 */
@Service
public class Learning {

    /** What applying an event did. */
    public enum Outcome { APPLIED, STALE, DUPLICATE }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Learning(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A confirmed order counts as a purchase of each of its products, unless it was cancelled already. */
    @Transactional
    public Outcome orderConfirmed(String eventId, String orderId, String userId, Collection<String> productIds,
                                  Instant occurredAt) {
        if (!firstTime(eventId)) {
            return Outcome.DUPLICATE;
        }
        if (exists("select count(*) from purchase where order_id = ?", orderId)) {
            return Outcome.STALE;
        }
        jdbc.update("insert into purchase (order_id, user_id, status, occurred_at) values (?, ?, 'COUNTED', ?)",
                orderId, userId, Timestamp.from(occurredAt));
        jdbc.batchUpdate("insert into purchase_line (order_id, product_id) values (?, ?)",
                new LinkedHashSet<>(productIds).stream().map(productId -> new Object[]{orderId, productId}).toList());
        return Outcome.APPLIED;
    }

    /**
     * A cancelled order stops counting (a refund after payment); one cancelled before its confirmation arrived is
     * remembered so that the confirmation, if it comes late, does not count either.
     */
    @Transactional
    public Outcome orderCancelled(String eventId, String orderId, String userId, Instant occurredAt) {
        if (!firstTime(eventId)) {
            return Outcome.DUPLICATE;
        }
        int updated = jdbc.update("update purchase set status = 'CANCELLED' where order_id = ?", orderId);
        if (updated == 0) {
            jdbc.update("insert into purchase (order_id, user_id, status, occurred_at) values (?, ?, 'CANCELLED', ?)",
                    orderId, userId, Timestamp.from(occurredAt));
        }
        return Outcome.APPLIED;
    }

    /** The catalog's word on a product (null: it left the catalog), unless a newer one is held. */
    @Transactional
    public Outcome productDescribed(String eventId, String productId, String category, boolean active, Instant updatedAt) {
        if (!firstTime(eventId)) {
            return Outcome.DUPLICATE;
        }
        ensureFact(productId);
        int updated = jdbc.update("update product_fact set category = coalesce(?, category), active = ?, source_updated_at = ? "
                        + "where product_id = ? and (source_updated_at is null or source_updated_at <= ?)",
                category, active, Timestamp.from(updatedAt), productId, Timestamp.from(updatedAt));
        return updated == 1 ? Outcome.APPLIED : Outcome.STALE;
    }

    /** Whether any variant of the product can be bought, unless a newer report is held. */
    @Transactional
    public Outcome stockReported(String eventId, String productId, boolean inStock, Instant observedAt) {
        if (!firstTime(eventId)) {
            return Outcome.DUPLICATE;
        }
        ensureFact(productId);
        int updated = jdbc.update("update product_fact set in_stock = ?, stock_observed_at = ? "
                        + "where product_id = ? and (stock_observed_at is null or stock_observed_at <= ?)",
                inStock, Timestamp.from(observedAt), productId, Timestamp.from(observedAt));
        return updated == 1 ? Outcome.APPLIED : Outcome.STALE;
    }

    private void ensureFact(String productId) {
        if (!exists("select count(*) from product_fact where product_id = ?", productId)) {
            jdbc.update("insert into product_fact (product_id, active, in_stock) values (?, false, false)", productId);
        }
    }

    private boolean firstTime(String eventId) {
        if (exists("select count(*) from processed_event where event_id = ?", eventId)) {
            return false;
        }
        // two deliveries of one event at once collide on the key: the later fails, is retried and found above
        jdbc.update("insert into processed_event (event_id, processed_at) values (?, ?)", eventId,
                Timestamp.from(clock.instant()));
        return true;
    }

    private boolean exists(String countQuery, Object... args) {
        Long count = jdbc.queryForObject(countQuery, Long.class, args);
        return count != null && count > 0;
    }
}
