package dev.souk.delivery.shipment;

import dev.souk.delivery.shipment.Shipment.StatusChange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Repository
class ShipmentStore {

    private static final String COLUMNS =
            "id, order_id, user_id, shipping_address, carrier, tracking_number, status, created_at, updated_at";
    private static final List<String> OPEN = List.of(
            ShipmentStatus.CREATED.name(), ShipmentStatus.PICKED_UP.name(), ShipmentStatus.IN_TRANSIT.name());

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    ShipmentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    Optional<Shipment> findByOrder(String orderId) {
        return one("select " + COLUMNS + " from shipment where order_id = ?", orderId);
    }

    /** Locks the shipment row for the rest of the transaction, so status changes of one shipment never interleave. */
    Optional<Shipment> findByOrderForUpdate(String orderId) {
        return one("select " + COLUMNS + " from shipment where order_id = ? for update", orderId);
    }

    Optional<Shipment> findById(String id) {
        return one("select " + COLUMNS + " from shipment where id = ?", id);
    }

    /** Claims the order id; a concurrent claim of the same order fails with a duplicate key. */
    void insert(Shipment shipment) {
        jdbc.update("insert into shipment (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                shipment.id(), shipment.orderId(), shipment.userId(), shipment.shippingAddress(), shipment.carrier(),
                shipment.trackingNumber(), shipment.status().name(),
                Timestamp.from(shipment.createdAt()), Timestamp.from(shipment.updatedAt()));
    }

    void setStatus(String id, ShipmentStatus status, Instant now) {
        jdbc.update("update shipment set status = ?, updated_at = ? where id = ?", status.name(), Timestamp.from(now), id);
    }

    /** Appends to the history; the caller holds the shipment's row lock, so {@code seq} is free. */
    void addChange(String shipmentId, int seq, StatusChange change) {
        jdbc.update("insert into shipment_status_change (shipment_id, seq, from_status, to_status, note, changed_at) values (?, ?, ?, ?, ?, ?)",
                shipmentId, seq, change.from() == null ? null : change.from().name(), change.to().name(), change.note(),
                Timestamp.from(change.at()));
    }

    /** Order ids of shipments still on their way whose last change is at or before {@code cutoff}, oldest first. */
    List<String> openOrderIdsUnchangedSince(Instant cutoff, int limit) {
        return named.queryForList("select order_id from shipment where status in (:open) and updated_at <= :cutoff "
                        + "order by updated_at, id fetch first :limit rows only",
                new MapSqlParameterSource().addValue("open", OPEN).addValue("cutoff", Timestamp.from(cutoff)).addValue("limit", limit),
                String.class);
    }

    /** One page, newest first, optionally filtered by status and user. */
    List<Shipment> page(ShipmentStatus status, String userId, long offset, int limit) {
        MapSqlParameterSource params = filter(status, userId).addValue("offset", offset).addValue("limit", limit);
        List<Shipment> rows = named.query("select " + COLUMNS + " from shipment" + where(status, userId)
                        + " order by created_at desc, id desc offset :offset rows fetch next :limit rows only",
                params, (rs, i) -> shipment(rs, List.of()));
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<StatusChange>> histories = histories(rows.stream().map(Shipment::id).toList());
        return rows.stream().map(s -> withHistory(s, histories.getOrDefault(s.id(), List.of()))).toList();
    }

    long count(ShipmentStatus status, String userId) {
        Long count = named.queryForObject("select count(*) from shipment" + where(status, userId), filter(status, userId), Long.class);
        return count == null ? 0 : count;
    }

    private static String where(ShipmentStatus status, String userId) {
        List<String> conditions = new ArrayList<>();
        if (status != null) {
            conditions.add("status = :status");
        }
        if (userId != null) {
            conditions.add("user_id = :userId");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static MapSqlParameterSource filter(ShipmentStatus status, String userId) {
        return new MapSqlParameterSource()
                .addValue("status", status == null ? null : status.name())
                .addValue("userId", userId);
    }

    private Optional<Shipment> one(String sql, String key) {
        return jdbc.query(sql, (rs, i) -> shipment(rs, List.of()), key).stream()
                .findFirst()
                .map(s -> withHistory(s, histories(List.of(s.id())).getOrDefault(s.id(), List.of())));
    }

    private Map<String, List<StatusChange>> histories(List<String> shipmentIds) {
        Map<String, List<StatusChange>> byShipment = new LinkedHashMap<>();
        named.query("select shipment_id, from_status, to_status, note, changed_at from shipment_status_change "
                        + "where shipment_id in (:ids) order by shipment_id, seq",
                new MapSqlParameterSource("ids", shipmentIds),
                rs -> {
                    String from = rs.getString(2);
                    byShipment.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new StatusChange(from == null ? null : ShipmentStatus.valueOf(from),
                                    ShipmentStatus.valueOf(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant()));
                });
        return byShipment;
    }

    private static Shipment withHistory(Shipment s, List<StatusChange> history) {
        return new Shipment(s.id(), s.orderId(), s.userId(), s.shippingAddress(), s.carrier(), s.trackingNumber(),
                s.status(), List.copyOf(history), s.createdAt(), s.updatedAt());
    }

    private static Shipment shipment(ResultSet rs, List<StatusChange> history) throws SQLException {
        return new Shipment(rs.getString("id"), rs.getString("order_id"), rs.getString("user_id"),
                rs.getString("shipping_address"), rs.getString("carrier"), rs.getString("tracking_number"),
                ShipmentStatus.valueOf(rs.getString("status")), history,
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
