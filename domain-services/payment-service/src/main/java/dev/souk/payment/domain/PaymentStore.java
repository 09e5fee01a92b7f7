package dev.souk.payment.domain;

import dev.souk.payment.domain.Payment.PaymentMethod;
import dev.souk.payment.domain.Payment.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Repository
class PaymentStore {

    private static final RowMapper<Payment> PAYMENT = PaymentStore::payment;

    private final JdbcTemplate jdbc;

    PaymentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What an order has paid so far, as locked for the rest of the transaction. */
    record OrderAccount(String orderId, String completedPaymentId) {
    }

    /** Creates the order's account row unless it exists; a concurrent creation fails with a duplicate key. */
    void createAccountIfAbsent(String orderId, Instant now) {
        jdbc.update("insert into order_payment (order_id, created_at) select ?, ? where not exists "
                + "(select 1 from order_payment where order_id = ?)", orderId, Timestamp.from(now), orderId);
    }

    /** Locks the order's account row: every payment command of one order runs one after the other. */
    Optional<OrderAccount> lockAccount(String orderId) {
        return jdbc.query("select order_id, completed_payment_id from order_payment where order_id = ? for update",
                (rs, i) -> new OrderAccount(rs.getString(1), rs.getString(2)), orderId).stream().findFirst();
    }

    void markCompleted(String orderId, String paymentId) {
        jdbc.update("update order_payment set completed_payment_id = ? where order_id = ?", paymentId, orderId);
    }

    void insert(Payment p) {
        jdbc.update("insert into payment (id, order_id, user_id, amount, currency, payment_method, payment_method_id, status, "
                        + "transaction_id, decline_reason, idempotency_key, created_at, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.id(), p.orderId(), p.userId(), p.amount(), p.currency(), p.paymentMethod().name(), p.paymentMethodId(),
                p.status().name(), p.transactionId(), p.declineReason(), p.idempotencyKey(),
                Timestamp.from(p.createdAt()), Timestamp.from(p.updatedAt()));
    }

    void markRefunded(String paymentId, String refundTransactionId, String reason, Instant now) {
        jdbc.update("update payment set status = ?, refund_transaction_id = ?, refund_reason = ?, refunded_at = ?, updated_at = ? "
                        + "where id = ? and status = ?",
                Status.REFUNDED.name(), refundTransactionId, reason, Timestamp.from(now), Timestamp.from(now),
                paymentId, Status.COMPLETED.name());
    }

    Optional<Payment> find(String id) {
        return jdbc.query("select * from payment where id = ?", PAYMENT, id).stream().findFirst();
    }

    /** Newest first. */
    List<Payment> findByOrder(String orderId) {
        return jdbc.query("select * from payment where order_id = ? order by seq desc", PAYMENT, orderId);
    }

    private static Payment payment(ResultSet rs, int row) throws SQLException {
        return new Payment(rs.getString("id"), rs.getString("order_id"), rs.getString("user_id"),
                rs.getBigDecimal("amount"), rs.getString("currency"),
                PaymentMethod.valueOf(rs.getString("payment_method")), rs.getString("payment_method_id"),
                Status.valueOf(rs.getString("status")), rs.getString("transaction_id"), rs.getString("decline_reason"),
                rs.getString("refund_transaction_id"), instant(rs.getTimestamp("refunded_at")), rs.getString("refund_reason"),
                rs.getString("idempotency_key"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
