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
    /** Requests of the search-service that the hub carries out (a reindex from product-service). */
    public static final String SEARCH_EVENTS = "search-events";
    /** Security acts of the auth-service (sign-ins, refresh-token reuse, account changes), for the audit log. */
    public static final String SECURITY_EVENTS = "security-events";
    /** Administrative acts of the hub (dead-letter replays, scheduler and backup actions), for the audit log. */
    public static final String OPERATIONS_EVENTS = "operations-events";
    /**
     * Sessions ended by the auth-service. Every app reads it itself to refuse the session's access tokens; it is not
     * fanned out by the hub, so it is not among {@link #ALL}.
     */
    public static final String AUTH_EVENTS = "auth-events";

    public static final List<String> ALL = List.of(
            ORDER_CREATED, ORDER_CONFIRMED, ORDER_CANCELLED, ORDER_COMPLETED, PAYMENT_EVENTS, CART_EVENTS,
            USER_EVENTS, PRODUCT_EVENTS, INVENTORY_EVENTS, DELIVERY_EVENTS, REVIEW_EVENTS, SEARCH_EVENTS, SECURITY_EVENTS,
            OPERATIONS_EVENTS);

    private static final String DEAD_LETTER_SUFFIX = ".DLT";

    private Topics() {
    }

    /** The dead-letter topic where poison messages of {@code topic} end up after bounded retries. */
    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
