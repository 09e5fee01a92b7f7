package dev.souk.order.domain;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;

/**
 * Nobody hoards stock: a placement that names limits may not take a customer past that many unpaid (PENDING) orders,
 * or that many units reserved by them. The count and the new order are one step per customer: each placement first
 * takes the customer's row in {@code customer_placement_lock}, so parallel placements of one customer — through any
 * number of hub or order-service instances — are counted one after the other, while other customers never wait.
 */
@Component
public class OpenOrders {

    /** How many unpaid orders, and units in them, a customer may have; both at least 1. */
    public record Limits(int maxOpenOrders, int maxOpenUnits) {
    }

    private final JdbcTemplate jdbc;

    OpenOrders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes sure the customer has a row to take turns on; run before, and outside, the placement's transaction. */
    void prepareTurn(String userId) {
        if (jdbc.queryForObject("select count(*) from customer_placement_lock where user_id = ?", Integer.class, userId) == 0) {
            try {
                jdbc.update("insert into customer_placement_lock (user_id) values (?)", userId);
            } catch (DuplicateKeyException createdMeanwhile) {
                // another placement of the same customer created it first: exactly what was needed
            }
        }
    }

    /** Within the placement's transaction: waits until the customer's other placements are done. */
    void takeTurn(String userId) {
        jdbc.queryForObject("select user_id from customer_placement_lock where user_id = ? for update", String.class, userId);
    }

    /** In the customer's turn: 409 TOO_MANY_OPEN_ORDERS when {@code units} more would break the limits. */
    void requireRoom(String userId, int units, Limits limits) {
        long[] open = jdbc.queryForObject("""
                select count(distinct o.id), coalesce(sum(i.quantity), 0) from orders o join order_item i on i.order_id = o.id
                where o.user_id = ? and o.status = 'PENDING'""", (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}, userId);
        long openOrders = open[0];
        long openUnits = open[1];
        if (openOrders >= limits.maxOpenOrders() || openUnits + units > limits.maxOpenUnits()) {
            throw ApiException.conflict(ProblemCodes.TOO_MANY_OPEN_ORDERS, "User " + userId + " has " + openOrders
                    + " unpaid orders holding " + openUnits + " units; at most " + limits.maxOpenOrders() + " orders and "
                    + limits.maxOpenUnits() + " units may wait for payment. Pay or cancel one first.")
                    .with("openOrders", openOrders).with("openUnits", openUnits);
        }
    }
}
