package dev.souk.inventory.reservation;

import dev.souk.inventory.reservation.Reservation.Line;
import dev.souk.inventory.reservation.Reservation.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Repository
class ReservationStore {

    private final JdbcTemplate jdbc;

    ReservationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Reservation> find(String orderId) {
        return find(orderId, "");
    }

    /** Locks the reservation row, so release and commit of one order never interleave. */
    Optional<Reservation> findForUpdate(String orderId) {
        return find(orderId, " for update");
    }

    private Optional<Reservation> find(String orderId, String lock) {
        return jdbc.query("select order_id, status, created_at, updated_at from reservation where order_id = ?" + lock,
                        (rs, i) -> new Reservation(rs.getString(1), Status.valueOf(rs.getString(2)), lines(orderId),
                                rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()),
                        orderId)
                .stream().findFirst();
    }

    /**
     * Reservations in {@code status} made before {@code createdBefore}, oldest first (then by order id), after the one
     * made at {@code afterCreatedAt} for {@code afterOrderId} when those are given, at most {@code limit}.
     */
    List<Reservation> list(Status status, Instant createdBefore, Instant afterCreatedAt, String afterOrderId, int limit) {
        String after = afterCreatedAt == null ? "" : "and (created_at > ? or (created_at = ? and order_id > ?)) ";
        List<Object> arguments = new ArrayList<>(List.of(status.name(), Timestamp.from(createdBefore)));
        if (afterCreatedAt != null) {
            arguments.addAll(List.of(Timestamp.from(afterCreatedAt), Timestamp.from(afterCreatedAt), afterOrderId));
        }
        arguments.add(limit);
        return jdbc.query("select order_id, status, created_at, updated_at from reservation where status = ? and created_at < ? "
                        + after + "order by created_at, order_id fetch first ? rows only",
                (rs, i) -> new Reservation(rs.getString(1), Status.valueOf(rs.getString(2)), lines(rs.getString(1)),
                        rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()),
                arguments.toArray());
    }

    private List<Line> lines(String orderId) {
        return jdbc.query("select product_id, variant_id, quantity from reservation_line where order_id = ? order by product_id, variant_id",
                (rs, i) -> new Line(rs.getString(1), rs.getString(2), rs.getInt(3)), orderId);
    }

    /** Claims the order id; a concurrent claim of the same id fails with a duplicate key. */
    void insert(String orderId, Status status, List<Line> lines, Instant now) {
        jdbc.update("insert into reservation (order_id, status, created_at, updated_at) values (?, ?, ?, ?)",
                orderId, status.name(), Timestamp.from(now), Timestamp.from(now));
        jdbc.batchUpdate("insert into reservation_line (order_id, product_id, variant_id, quantity) values (?, ?, ?, ?)",
                lines.stream().map(l -> new Object[]{orderId, l.productId(), l.variantId(), l.quantity()}).toList());
    }

    void setStatus(String orderId, Status status, Instant now) {
        jdbc.update("update reservation set status = ?, updated_at = ? where order_id = ?", status.name(), Timestamp.from(now), orderId);
    }
}
