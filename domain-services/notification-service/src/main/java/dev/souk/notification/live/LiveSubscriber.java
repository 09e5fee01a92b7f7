package dev.souk.notification.live;

import dev.souk.notification.notification.Notification;
import dev.souk.notification.notification.NotificationService;

import java.io.IOException;
import java.util.List;

/**
 * One open live connection of one customer (an SSE stream or a STOMP session). It always sends what the database holds
 * after the last stream number it sent, in order, so it neither loses nor repeats a notification whatever woke it and
 * however often; only in-app notifications are sent, but every one moves the position on.
 */
abstract class LiveSubscriber {

    private static final int BATCH = 200;

    private final String userId;
    private long lastSent;
    private volatile boolean closed;

    LiveSubscriber(String userId, long lastSent) {
        this.userId = userId;
        this.lastSent = lastSent;
    }

    String userId() {
        return userId;
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    /** Sends everything after the last sent position; answers false once the connection is gone. */
    synchronized boolean catchUp(NotificationService notifications) {
        if (closed) {
            return false;
        }
        try {
            List<Notification> pending;
            do {
                pending = notifications.after(userId, lastSent, BATCH);
                for (Notification notification : pending) {
                    if (notification.inApp()) {
                        send(notification);
                    }
                    lastSent = notification.streamSeq();
                }
            } while (pending.size() == BATCH);
            return true;
        } catch (IOException | IllegalStateException gone) {
            closed = true;
            return false;
        }
    }

    /** Keeps an idle connection open through proxies; false once it is gone. */
    synchronized boolean heartbeat() {
        if (closed) {
            return false;
        }
        try {
            ping();
            return true;
        } catch (IOException | IllegalStateException gone) {
            closed = true;
            return false;
        }
    }

    abstract void send(Notification notification) throws IOException;

    abstract void ping() throws IOException;
}
