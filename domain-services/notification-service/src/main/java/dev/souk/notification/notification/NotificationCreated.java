package dev.souk.notification.notification;

/** Published after the transaction that made a notification for {@code userId} committed; live streams catch up. */
public record NotificationCreated(String userId) {
}
