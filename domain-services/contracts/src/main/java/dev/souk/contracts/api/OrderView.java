package dev.souk.contracts.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as order-service keeps it (the record of every order): priced items, total, status and the history of
 * every status change.
 *
 * @param status PENDING, CONFIRMED, COMPLETED or CANCELLED
 */
public record OrderView(String id, String userId, String status, List<Item> items, String currency, BigDecimal total,
                        String shippingAddress, String paymentMethodId, String paymentId, List<StatusChange> history,
                        Instant createdAt, Instant updatedAt, long version) {

    public record Item(String productId, String variantId, String name, BigDecimal unitPrice, int quantity,
                       BigDecimal lineTotal) {
    }

    public record StatusChange(String from, String to, String reason, Instant at) {
    }
}
