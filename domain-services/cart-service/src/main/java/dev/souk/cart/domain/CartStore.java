package dev.souk.cart.domain;

import dev.souk.cart.domain.Cart.Status;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Carts and their lines. Every change of a cart goes with a version bump checked against the version read, and
 * writers lock the cart row first ({@code ...ForUpdate}), so concurrent changes of one cart run one after the other.
 */
@Repository
class CartStore {

    private static final String CART_COLUMNS = "id, user_id, status, checkout_id, merged_into, version, created_at, updated_at";

    /** A cart row without its lines. */
    record Row(String id, String userId, Status status, String checkoutId, String mergedInto, long version,
               Instant createdAt, Instant updatedAt) {
    }

    private static final RowMapper<Row> ROW = CartStore::row;
    private static final RowMapper<CartItem> ITEM = CartStore::item;

    private final JdbcTemplate jdbc;

    CartStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(String cartId) {
        return first(jdbc.query("select " + CART_COLUMNS + " from cart where id = ?", ROW, cartId));
    }

    Optional<Row> findForUpdate(String cartId) {
        return first(jdbc.query("select " + CART_COLUMNS + " from cart where id = ? for update", ROW, cartId));
    }

    Optional<Row> findActiveOfUser(String userId) {
        return first(jdbc.query("select " + CART_COLUMNS + " from cart where active_user_id = ?", ROW, userId));
    }

    Optional<Row> findActiveOfUserForUpdate(String userId) {
        return first(jdbc.query("select " + CART_COLUMNS + " from cart where active_user_id = ? for update", ROW, userId));
    }

    /** The user's most recently changed cart of any status. */
    Optional<Row> findLatestOfUser(String userId) {
        return first(jdbc.query("select " + CART_COLUMNS + " from cart where user_id = ? order by updated_at desc, id",
                ROW, userId));
    }

    /** The user's cart that was handed to checkout {@code checkoutId}, locked. */
    Optional<Row> findOfUserByCheckoutForUpdate(String userId, String checkoutId) {
        return first(jdbc.query("select " + CART_COLUMNS + " from cart where user_id = ? and checkout_id = ? for update",
                ROW, userId, checkoutId));
    }

    /**
     * ACTIVE carts last changed before their cutoff (a user's and an anonymous cart have their own), least recently
     * changed first, at most {@code limit}.
     */
    List<Row> abandoned(Instant userCutoff, Instant anonymousCutoff, int limit) {
        return jdbc.query("select " + CART_COLUMNS + " from cart where status = 'ACTIVE' and updated_at < ? "
                        + "and ((user_id is not null and updated_at < ?) or (user_id is null and updated_at < ?)) "
                        + "order by updated_at, id fetch first ? rows only",
                ROW, Timestamp.from(userCutoff.isAfter(anonymousCutoff) ? userCutoff : anonymousCutoff),
                Timestamp.from(userCutoff), Timestamp.from(anonymousCutoff), limit);
    }

    void insert(Row cart) {
        jdbc.update("insert into cart (id, user_id, active_user_id, status, checkout_id, merged_into, version, created_at, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                cart.id(), cart.userId(), cart.status() == Status.ACTIVE ? cart.userId() : null, cart.status().name(),
                cart.checkoutId(), cart.mergedInto(), cart.version(), Timestamp.from(cart.createdAt()), Timestamp.from(cart.updatedAt()));
    }

    /** Records a change of the cart's lines: bumps the version the caller read. */
    void touch(Cart cart, Instant now) {
        expectOneRow(jdbc.update("update cart set version = version + 1, updated_at = ? where id = ? and version = ?",
                Timestamp.from(now), cart.id(), cart.version()), cart);
    }

    /** Moves the cart to {@code status}; only an ACTIVE cart counts as its user's active cart. */
    void setStatus(Cart cart, Status status, String checkoutId, String mergedInto, Instant now) {
        expectOneRow(jdbc.update("update cart set status = ?, active_user_id = ?, checkout_id = ?, merged_into = ?, "
                        + "version = version + 1, updated_at = ? where id = ? and version = ?",
                status.name(), status == Status.ACTIVE ? cart.userId() : null, checkoutId, mergedInto,
                Timestamp.from(now), cart.id(), cart.version()), cart);
    }

    List<CartItem> items(String cartId) {
        return jdbc.query("select * from cart_item where cart_id = ? order by added_at, id", ITEM, cartId);
    }

    void insertItem(String cartId, CartItem item) {
        jdbc.update("insert into cart_item (id, cart_id, product_id, variant_id, name, unit_price, currency, quantity, added_at, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                item.id(), cartId, item.productId(), item.variantId(), item.name(), item.unitPrice(), item.currency(),
                item.quantity(), Timestamp.from(item.addedAt()), Timestamp.from(item.updatedAt()));
    }

    void updateItem(CartItem item) {
        jdbc.update("update cart_item set name = ?, unit_price = ?, currency = ?, quantity = ?, updated_at = ? where id = ?",
                item.name(), item.unitPrice(), item.currency(), item.quantity(), Timestamp.from(item.updatedAt()), item.id());
    }

    void deleteItem(String itemId) {
        jdbc.update("delete from cart_item where id = ?", itemId);
    }

    void deleteItems(String cartId) {
        jdbc.update("delete from cart_item where cart_id = ?", cartId);
    }

    private static void expectOneRow(int updated, Cart cart) {
        if (updated != 1) {
            throw new OptimisticLockingFailureException("Cart " + cart.id() + " changed since version " + cart.version());
        }
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.stream().findFirst();
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("user_id"), Status.valueOf(rs.getString("status")),
                rs.getString("checkout_id"), rs.getString("merged_into"), rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static CartItem item(ResultSet rs, int i) throws SQLException {
        return new CartItem(rs.getString("id"), rs.getString("product_id"), rs.getString("variant_id"), rs.getString("name"),
                rs.getBigDecimal("unit_price").setScale(2), rs.getString("currency"), rs.getInt("quantity"),
                rs.getTimestamp("added_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
