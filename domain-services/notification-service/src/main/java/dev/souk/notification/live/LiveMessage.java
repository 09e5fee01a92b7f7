package dev.souk.notification.live;

import dev.souk.notification.notification.Notification;
import dev.souk.notification.notification.NotificationKind;

import java.time.Instant;
import java.util.Map;

/** What a live connection receives for each notification (the same fields as the list). */
public record LiveMessage(String id, long streamSeq, NotificationKind kind, String title, String body, String orderId,
                          Map<String, String> data, boolean read, Instant createdAt) {

    static LiveMessage of(Notification n) {
        return new LiveMessage(n.id(), n.streamSeq(), n.kind(), n.title(), n.body(), n.orderId(), n.data(), n.read(), n.createdAt());
    }
}
