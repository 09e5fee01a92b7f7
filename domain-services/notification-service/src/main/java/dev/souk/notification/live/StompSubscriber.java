package dev.souk.notification.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.notification.notification.Notification;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import java.io.IOException;

/**
 * One STOMP subscription to {@code /user/queue/notifications}: each notification is a MESSAGE frame on that
 * subscription, its {@code message-id} the notification's stream number (what a client sends back as
 * {@code last-event-id} to resume). Frames go straight to the session, in order, never through a broker destination
 * another session could share.
 */
final class StompSubscriber extends LiveSubscriber {

    private final String sessionId;
    private final String subscriptionId;
    private final MessageChannel session;
    private final ObjectMapper json;

    StompSubscriber(String userId, long lastSent, String sessionId, String subscriptionId, MessageChannel session,
                    ObjectMapper json) {
        super(userId, lastSent);
        this.sessionId = sessionId;
        this.subscriptionId = subscriptionId;
        this.session = session;
        this.json = json;
    }

    String sessionId() {
        return sessionId;
    }

    String subscriptionId() {
        return subscriptionId;
    }

    @Override
    void send(Notification notification) throws IOException {
        SimpMessageHeaderAccessor frame = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        frame.setSessionId(sessionId);
        frame.setSubscriptionId(subscriptionId);
        frame.setDestination(StompEndpointConfiguration.NOTIFICATIONS);
        frame.setContentType(MimeTypeUtils.APPLICATION_JSON);
        frame.setNativeHeader("message-id", Long.toString(notification.streamSeq()));
        frame.setLeaveMutable(true);
        byte[] body = json.writeValueAsBytes(LiveMessage.of(notification));
        if (!session.send(MessageBuilder.createMessage(body, frame.getMessageHeaders()))) {
            throw new IOException("the STOMP session " + sessionId + " did not take the frame");
        }
    }

    /** STOMP heart-beats keep the connection open; a session that is gone is closed by its disconnect. */
    @Override
    void ping() {
    }
}
