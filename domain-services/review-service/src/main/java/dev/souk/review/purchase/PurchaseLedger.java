package dev.souk.review.purchase;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * The purchases the review-service knows of, learnt only from order events (never from what a client sends). A
 * customer is a verified buyer of a product when one of their orders holding it is CONFIRMED or COMPLETED.
 * Each event is applied once per event id, in the same transaction that records the id.
 */
@Service
public class PurchaseLedger {

    public enum Outcome { APPLIED, DUPLICATE }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PurchaseLedger(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    public Outcome apply(OrderEvent event, String eventType) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(tx -> {
                    Instant now = clock.instant();
                    jdbc.update("insert into processed_event (event_id, event_type, processed_at) values (?, ?, ?)",
                            event.eventId(), eventType, Timestamp.from(now));
                    record(event, now);
                    return Outcome.APPLIED;
                });
            } catch (DuplicateKeyException seenOrRaced) {
                // the event id is taken (seen before), or a concurrent first event of the same order inserted its row
                // first: the former is a duplicate; for the latter another try finds the order row in place
                if (seen(event.eventId())) {
                    return Outcome.DUPLICATE;
                }
                if (attempt == 3) {
                    throw seenOrRaced;
                }
            }
        }
    }

    private void record(OrderEvent event, Instant now) {
        Timestamp at = Timestamp.from(now);
        String current = jdbc.query("select status from purchase_order where order_id = ? for update",
                rs -> rs.next() ? rs.getString(1) : null, event.orderId());
        String target = switch (event.kind()) {
            case CONFIRMED -> current == null ? "CONFIRMED" : current;
            case COMPLETED -> "CANCELLED".equals(current) ? current : "COMPLETED";
            case CANCELLED -> "CANCELLED";
        };
        if (current == null) {
            jdbc.update("insert into purchase_order (order_id, user_id, status, updated_at) values (?, ?, ?, ?)",
                    event.orderId(), event.userId(), target, at);
        } else if (!current.equals(target)) {
            jdbc.update("update purchase_order set status = ?, updated_at = ? where order_id = ?", target, at, event.orderId());
        }
        for (String productId : event.productIds()) {
            jdbc.update("insert into purchase_item (order_id, product_id) select ?, ? where not exists "
                    + "(select 1 from purchase_item where order_id = ? and product_id = ?)",
                    event.orderId(), productId, event.orderId(), productId);
        }
    }

    /** Whether {@code userId} has a confirmed or completed order holding {@code productId}. */
    public boolean isVerifiedBuyer(String userId, String productId) {
        Integer count = jdbc.queryForObject("select count(*) from purchase_order o join purchase_item i on i.order_id = o.order_id "
                + "where o.user_id = ? and i.product_id = ? and o.status in ('CONFIRMED', 'COMPLETED')", Integer.class, userId, productId);
        return count != null && count > 0;
    }

    private boolean seen(String eventId) {
        Integer count = jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class, eventId);
        return count != null && count > 0;
    }
}
