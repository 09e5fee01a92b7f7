package dev.souk.contracts;

import java.util.List;

/** Kafka topic names. The seed's topics keep their exact names. */
public final class Topics {

    public static final String ORDER_CREATED = "order-created";
    public static final String ORDER_CONFIRMED = "order-confirmed";
    public static final String ORDER_CANCELLED = "order-cancelled";
    public static final String ORDER_COMPLETED = "order-completed";
    public static final String PAYMENT_EVENTS = "payment-events";
    public static final String CART_EVENTS = "cart-events";
    public static final String USER_EVENTS = "user-events";
    public static final String PRODUCT_EVENTS = "product-events";
    public static final String INVENTORY_EVENTS = "inventory-events";
    public static final String DELIVERY_EVENTS = "delivery-events";
    public static final String REVIEW_EVENTS = "review-events";

    public static final List<String> ALL = List.of(
            ORDER_CREATED, ORDER_CONFIRMED, ORDER_CANCELLED, ORDER_COMPLETED, PAYMENT_EVENTS, CART_EVENTS,
            USER_EVENTS, PRODUCT_EVENTS, INVENTORY_EVENTS, DELIVERY_EVENTS, REVIEW_EVENTS);

    private static final String DEAD_LETTER_SUFFIX = ".DLT";

    private Topics() {
    }

    /** The dead-letter topic where poison messages of {@code topic} end up after bounded retries. */
    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
