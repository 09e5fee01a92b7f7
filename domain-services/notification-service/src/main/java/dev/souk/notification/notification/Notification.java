package dev.souk.notification.notification;

import java.time.Instant;
import java.util.Map;

/**
 * One notification of one customer. {@code streamSeq} numbers the customer's notifications in the order they were
 * made (the live stream's event id); {@code data} holds what a client may link to (order id, tracking number...).
 */
public record Notification(String id, String userId, long streamSeq, NotificationKind kind, String title, String body,
                           String orderId, Map<String, String> data, boolean inApp, Instant readAt, Instant createdAt) {

    public boolean read() {
        return readAt != null;
    }
}
