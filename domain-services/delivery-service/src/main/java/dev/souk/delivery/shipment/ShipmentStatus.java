package dev.souk.delivery.shipment;

import java.util.Optional;

/** CREATED → PICKED_UP → IN_TRANSIT → DELIVERED, or CANCELLED while still CREATED. */
public enum ShipmentStatus {
    CREATED, PICKED_UP, IN_TRANSIT, DELIVERED, CANCELLED;

    /** Every value, as a regular expression for request validation. */
    public static final String PATTERN = "CREATED|PICKED_UP|IN_TRANSIT|DELIVERED|CANCELLED";

    /** The one status a shipment may move forward to; empty once it is delivered or cancelled. */
    public Optional<ShipmentStatus> next() {
        return switch (this) {
            case CREATED -> Optional.of(PICKED_UP);
            case PICKED_UP -> Optional.of(IN_TRANSIT);
            case IN_TRANSIT -> Optional.of(DELIVERED);
            case DELIVERED, CANCELLED -> Optional.empty();
        };
    }

    public boolean isFinal() {
        return next().isEmpty();
    }
}
