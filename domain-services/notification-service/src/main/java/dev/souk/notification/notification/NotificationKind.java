package dev.souk.notification.notification;

/**
 * Every kind of notification a customer gets, with whether it is shown in the app and mailed unless the customer
 * chose otherwise. Mails go out for the steps a customer must not miss: confirmation, shipment, cancellation, refund.
 */
public enum NotificationKind {
    WELCOME(false),
    ORDER_PLACED(false),
    PAYMENT_DECLINED(false),
    PAYMENT_WINDOW_CLOSING(false),
    PAYMENT_WINDOW_EXPIRED(false),
    ORDER_CONFIRMED(true),
    ORDER_SHIPPED(true),
    ORDER_IN_TRANSIT(false),
    ORDER_DELIVERED(false),
    ORDER_CANCELLED(true),
    PAYMENT_REFUNDED(true);

    private final boolean mailedByDefault;

    NotificationKind(boolean mailedByDefault) {
        this.mailedByDefault = mailedByDefault;
    }

    public boolean mailedByDefault() {
        return mailedByDefault;
    }

    /** The mail template of this kind, under {@code templates/notification-service/mail/}. */
    public String template() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".ftlh";
    }
}
