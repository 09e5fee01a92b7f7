package dev.souk.inventory.reservation;

import java.time.Instant;
import java.util.List;

/** The units one order holds. RESERVED → COMMITTED (sold) or RESERVED → RELEASED (given back). */
public record Reservation(String orderId, Status status, List<Line> lines, Instant createdAt, Instant updatedAt) {

    public enum Status { RESERVED, COMMITTED, RELEASED }

    public record Line(String productId, String variantId, int quantity) {
    }
}
