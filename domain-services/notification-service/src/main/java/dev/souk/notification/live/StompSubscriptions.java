package dev.souk.notification.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.notification.notification.NotificationService;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns an accepted SUBSCRIBE to {@code /user/queue/notifications} into a live connection of the session's owner
 * (registered with {@link LiveNotifications}, so it catches up from {@code last-event-id}, or from now, and is woken
 * like a stream), and removes it on UNSUBSCRIBE or when the session ends.
 */
@Component
class StompSubscriptions {

    private static final Pattern POSITION = Pattern.compile("[0-9]{1,18}");

    private final LiveNotifications live;
    private final NotificationService notifications;
    private final MessageChannel clientOutbound;
    private final ObjectMapper json;
    private final Map<String, StompSubscriber> bySessionAndSubscription = new ConcurrentHashMap<>();

    StompSubscriptions(LiveNotifications live, NotificationService notifications,
                       @Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutbound, ObjectMapper json) {
        this.live = live;
        this.notifications = notifications;
        this.clientOutbound = clientOutbound;
        this.json = json;
    }

    @EventListener
    void subscribed(SessionSubscribeEvent event) {
        StompHeaderAccessor frame = StompHeaderAccessor.wrap(event.getMessage());
        if (!(event.getUser() instanceof StompAuthentication.LiveUser owner)
                || !StompEndpointConfiguration.NOTIFICATIONS.equals(frame.getDestination())) {
            return;
        }
        String position = frame.getFirstNativeHeader("last-event-id");
        long after = position != null && POSITION.matcher(position).matches()
                ? Long.parseLong(position)
                : notifications.lastStreamSeq(owner.userId());
        // one ordered outbound lane per subscription, as the broker keeps one per session
        StompSubscriber subscriber = new StompSubscriber(owner.userId(), after, frame.getSessionId(), frame.getSubscriptionId(),
                new OrderedMessageChannelDecorator(clientOutbound, LogFactory.getLog(StompSubscriber.class)), json);
        StompSubscriber replaced = bySessionAndSubscription.put(key(frame.getSessionId(), frame.getSubscriptionId()), subscriber);
        if (replaced != null) {
            live.close(replaced);
        }
        live.open(subscriber);
    }

    @EventListener
    void unsubscribed(SessionUnsubscribeEvent event) {
        StompHeaderAccessor frame = StompHeaderAccessor.wrap(event.getMessage());
        StompSubscriber subscriber = bySessionAndSubscription.remove(key(frame.getSessionId(), frame.getSubscriptionId()));
        if (subscriber != null) {
            live.close(subscriber);
        }
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        bySessionAndSubscription.values().removeIf(subscriber -> {
            if (subscriber.sessionId().equals(event.getSessionId())) {
                live.close(subscriber);
                return true;
            }
            return false;
        });
    }

    int open() {
        return bySessionAndSubscription.size();
    }

    private static String key(String sessionId, String subscriptionId) {
        return sessionId + "/" + subscriptionId;
    }
}
