package dev.souk.contracts.events;

import dev.souk.contracts.Topics;

import java.math.BigDecimal;
import java.util.List;

/** Events of the order-service, each on the seed's topic of its name. */
public final class OrderEvents {

    private OrderEvents() {
    }

    /** One priced line of an order; the price is the catalog's at the time the order was placed. */
    public record Item(String productId, String variantId, String name, BigDecimal unitPrice, int quantity) {
    }

    private interface OrderEvent extends DomainEvent {
        String orderId();

        @Override
        default String aggregateType() {
            return "order";
        }

        @Override
        default String aggregateId() {
            return orderId();
        }
    }

    public record OrderCreated(String orderId, String userId, List<Item> items, BigDecimal total, String currency,
                               String shippingAddress) implements OrderEvent {
        @Override
        public String topic() {
            return Topics.ORDER_CREATED;
        }
    }

    public record OrderConfirmed(String orderId, String userId, String paymentId, List<Item> items, BigDecimal total,
                                 String currency, String shippingAddress) implements OrderEvent {
        @Override
        public String topic() {
            return Topics.ORDER_CONFIRMED;
        }
    }

    /** {@code previousStatus} tells consumers whether money was taken (CONFIRMED) or only stock held (PENDING). */
    public record OrderCancelled(String orderId, String userId, String previousStatus, String reason) implements OrderEvent {
        @Override
        public String topic() {
            return Topics.ORDER_CANCELLED;
        }
    }

    public record OrderCompleted(String orderId, String userId) implements OrderEvent {
        @Override
        public String topic() {
            return Topics.ORDER_COMPLETED;
        }
    }
}
