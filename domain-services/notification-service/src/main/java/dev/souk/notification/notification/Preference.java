package dev.souk.notification.notification;

/** Whether a customer wants one kind in the app and by mail. */
public record Preference(NotificationKind kind, boolean inApp, boolean email) {

    public static Preference defaultOf(NotificationKind kind) {
        return new Preference(kind, true, kind.mailedByDefault());
    }
}
