package dev.souk.inventory.stock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stock rows, changed only by guarded single-statement updates: the database checks the condition and applies
 * the change atomically, so concurrent reservations can never take more than is available.
 */
@Repository
public class StockStore {

    private static final RowMapper<StockLevel> LEVEL = (rs, i) ->
            new StockLevel(rs.getString("product_id"), rs.getString("variant_id"), rs.getInt("on_hand"), rs.getInt("reserved"));

    private final JdbcTemplate jdbc;

    StockStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StockLevel> find(String productId, String variantId) {
        return jdbc.query("select * from stock_item where product_id = ? and variant_id = ?", LEVEL, productId, variantId)
                .stream().findFirst();
    }

    /** Locks the row for the rest of the transaction. */
    public Optional<StockLevel> findForUpdate(String productId, String variantId) {
        return jdbc.query("select * from stock_item where product_id = ? and variant_id = ? for update", LEVEL, productId, variantId)
                .stream().findFirst();
    }

    public List<StockLevel> findByProduct(String productId) {
        return jdbc.query("select * from stock_item where product_id = ? order by variant_id", LEVEL, productId);
    }

    public void insert(String productId, String variantId, int onHand, Instant now) {
        jdbc.update("insert into stock_item (product_id, variant_id, on_hand, reserved, updated_at) values (?, ?, ?, 0, ?)",
                productId, variantId, onHand, Timestamp.from(now));
    }

    /** Sets on-hand stock unless that would fall below what is reserved; answers whether it did. */
    public boolean setOnHand(String productId, String variantId, int onHand, Instant now) {
        return jdbc.update("update stock_item set on_hand = ?, updated_at = ? where product_id = ? and variant_id = ? and reserved <= ?",
                onHand, Timestamp.from(now), productId, variantId, onHand) == 1;
    }

    /** Holds {@code quantity} units if that many are available; answers whether it did. */
    public boolean reserve(String productId, String variantId, int quantity, Instant now) {
        return jdbc.update("update stock_item set reserved = reserved + ?, updated_at = ? "
                        + "where product_id = ? and variant_id = ? and on_hand - reserved >= ?",
                quantity, Timestamp.from(now), productId, variantId, quantity) == 1;
    }

    /** Gives held units back to sale. */
    public void release(String productId, String variantId, int quantity, Instant now) {
        requireOneRow(jdbc.update("update stock_item set reserved = reserved - ?, updated_at = ? "
                        + "where product_id = ? and variant_id = ? and reserved >= ?",
                quantity, Timestamp.from(now), productId, variantId, quantity), productId, variantId);
    }

    /** Held units are sold: they leave both the shelf and the reservation. */
    public void commit(String productId, String variantId, int quantity, Instant now) {
        requireOneRow(jdbc.update("update stock_item set reserved = reserved - ?, on_hand = on_hand - ?, updated_at = ? "
                        + "where product_id = ? and variant_id = ? and reserved >= ?",
                quantity, quantity, Timestamp.from(now), productId, variantId, quantity), productId, variantId);
    }

    /** Sold units come back (an order cancelled after its stock was committed but before it shipped). */
    public void restock(String productId, String variantId, int quantity, Instant now) {
        requireOneRow(jdbc.update("update stock_item set on_hand = on_hand + ?, updated_at = ? where product_id = ? and variant_id = ?",
                quantity, Timestamp.from(now), productId, variantId), productId, variantId);
    }

    private static void requireOneRow(int updated, String productId, String variantId) {
        if (updated != 1) {
            throw new IllegalStateException("Stock of " + productId + "/" + variantId + " does not hold the reserved units");
        }
    }
}
