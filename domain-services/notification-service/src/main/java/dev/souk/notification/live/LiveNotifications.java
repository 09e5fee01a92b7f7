package dev.souk.notification.live;

import dev.souk.notification.notification.NotificationCreated;
import dev.souk.notification.notification.NotificationService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The live connections of this instance, by customer. A notification made here wakes its customer's connections as
 * soon as it commits; one made by another instance wakes them through {@link NotificationFeed}. Waking only makes a
 * connection catch up from the database, so it is safe to wake too often.
 */
@Component
public class LiveNotifications implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveNotifications.class);

    private final Map<String, Set<LiveSubscriber>> byUser = new ConcurrentHashMap<>();
    private final NotificationService notifications;
    private final ExecutorService senders = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "live-notifications");
        thread.setDaemon(true);
        return thread;
    });

    LiveNotifications(NotificationService notifications, ObjectProvider<MeterRegistry> meters) {
        this.notifications = notifications;
        meters.ifAvailable(registry -> Gauge.builder("souk.notifications.live.connections", this, LiveNotifications::connections)
                .description("Open live notification connections (SSE and WebSocket) on this instance").register(registry));
    }

    /** Registers the connection and sends it what it missed; from then on it is woken by new notifications. */
    void open(LiveSubscriber subscriber) {
        byUser.computeIfAbsent(subscriber.userId(), user -> ConcurrentHashMap.newKeySet()).add(subscriber);
        senders.execute(() -> catchUp(subscriber));
    }

    void close(LiveSubscriber subscriber) {
        subscriber.close();
        byUser.computeIfPresent(subscriber.userId(), (user, subscribers) -> {
            subscribers.remove(subscriber);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    @TransactionalEventListener
    void created(NotificationCreated created) {
        wake(created.userId());
    }

    /** The customer got something new: each of their connections catches up, off the caller's thread. */
    void wake(String userId) {
        Set<LiveSubscriber> subscribers = byUser.get(userId);
        if (subscribers != null) {
            subscribers.forEach(subscriber -> senders.execute(() -> catchUp(subscriber)));
        }
    }

    /** Every connected customer: the feed's safety net against a wake-up it could not see. */
    Set<String> connectedUsers() {
        return Set.copyOf(byUser.keySet());
    }

    void heartbeat() {
        byUser.values().forEach(subscribers -> subscribers.forEach(subscriber -> {
            if (!subscriber.heartbeat()) {
                close(subscriber);
            }
        }));
    }

    int connections() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    private void catchUp(LiveSubscriber subscriber) {
        try {
            if (!subscriber.catchUp(notifications)) {
                close(subscriber);
            }
        } catch (RuntimeException e) {
            log.warn("A live connection of {} could not catch up now: {}", subscriber.userId(), e.toString());
        }
    }

    @Override
    public void destroy() {
        byUser.values().forEach(subscribers -> subscribers.forEach(LiveSubscriber::close));
        senders.shutdownNow();
    }
}
