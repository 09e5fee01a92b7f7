package dev.souk.contracts.events;

import dev.souk.contracts.Topics;

import java.util.List;

/** Events of the inventory-service, on {@code inventory-events}. */
public final class InventoryEvents {

    private InventoryEvents() {
    }

    public record Line(String productId, String variantId, int quantity) {
    }

    private interface ReservationEvent extends DomainEvent {
        String orderId();

        @Override
        default String topic() {
            return Topics.INVENTORY_EVENTS;
        }

        @Override
        default String aggregateType() {
            return "reservation";
        }

        @Override
        default String aggregateId() {
            return orderId();
        }
    }

    public record StockReserved(String orderId, List<Line> lines) implements ReservationEvent {
    }

    public record StockReleased(String orderId, List<Line> lines) implements ReservationEvent {
    }

    public record StockCommitted(String orderId, List<Line> lines) implements ReservationEvent {
    }

    /** On-hand stock of one variant was set by an operator. */
    public record StockAdjusted(String productId, String variantId, int onHand, int reserved) implements DomainEvent {

        @Override
        public String topic() {
            return Topics.INVENTORY_EVENTS;
        }

        @Override
        public String aggregateType() {
            return "stock";
        }

        @Override
        public String aggregateId() {
            return productId + "/" + variantId;
        }
    }
}
