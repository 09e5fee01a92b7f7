package dev.souk.contracts.events;

import dev.souk.contracts.Topics;

/** Events of the delivery-service on {@code delivery-events}; keyed by order id so one order's events stay in order. */
public final class DeliveryEvents {

    private DeliveryEvents() {
    }

    private interface ShipmentEvent extends DomainEvent {
        String orderId();

        @Override
        default String topic() {
            return Topics.DELIVERY_EVENTS;
        }

        @Override
        default String aggregateType() {
            return "shipment";
        }

        @Override
        default String aggregateId() {
            return orderId();
        }
    }

    public record ShipmentCreated(String shipmentId, String orderId, String userId, String carrier, String trackingNumber)
            implements ShipmentEvent {
    }

    /** status is one of CREATED, PICKED_UP, IN_TRANSIT, DELIVERED, CANCELLED. */
    public record ShipmentStatusChanged(String shipmentId, String orderId, String userId, String previousStatus,
                                        String status, String note) implements ShipmentEvent {
    }
}
