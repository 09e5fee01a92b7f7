package dev.souk.delivery.shipment;

import java.time.Instant;
import java.util.List;

/** The shipment of one order, with every status it went through, oldest first. */
public record Shipment(String id, String orderId, String userId, String shippingAddress, String carrier,
                       String trackingNumber, ShipmentStatus status, List<StatusChange> history,
                       Instant createdAt, Instant updatedAt) {

    /** One step of the history; {@code from} is null for the creation of the shipment. */
    public record StatusChange(ShipmentStatus from, ShipmentStatus to, String note, Instant at) {
    }
}
