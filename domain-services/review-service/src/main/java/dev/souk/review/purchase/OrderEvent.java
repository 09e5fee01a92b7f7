package dev.souk.review.purchase;

import java.util.List;

/**
 * What the review-service needs of an order event: whose order it is, which products it holds (OrderConfirmed only)
 * and what happened to it.
 */
public record OrderEvent(String eventId, Kind kind, String orderId, String userId, List<String> productIds) {

    public enum Kind {
        CONFIRMED, COMPLETED, CANCELLED;

        /** The kind of the order event named {@code type}; empty for events that prove nothing about a purchase. */
        public static java.util.Optional<Kind> ofEventType(String type) {
            return switch (type) {
                case "OrderConfirmed" -> java.util.Optional.of(CONFIRMED);
                case "OrderCompleted" -> java.util.Optional.of(COMPLETED);
                case "OrderCancelled" -> java.util.Optional.of(CANCELLED);
                default -> java.util.Optional.empty();
            };
        }
    }

    public OrderEvent {
        productIds = productIds == null ? List.of() : List.copyOf(productIds);
    }
}
