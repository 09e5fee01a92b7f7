package dev.souk.notification.notification;

import java.util.Map;

/** A notification about to be made for {@code userId} because of {@code sourceId} (an event id, or a reminder). */
public record NotificationDraft(String sourceId, String userId, NotificationKind kind, String title, String body,
                                String orderId, Map<String, String> data) {

    public NotificationDraft {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
