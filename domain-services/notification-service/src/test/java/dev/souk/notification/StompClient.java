package dev.souk.notification;

import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A STOMP client over WebSocket as a browser's STOMP library uses it: CONNECT with the given headers, then
 * {@link #subscribe} to the customer's notifications. Keeps every MESSAGE (its message-id and body) and every ERROR.
 */
public final class StompClient implements AutoCloseable {

    public static final String NOTIFICATIONS = "/user/queue/notifications";

    public record Frame(String messageId, String body) {
    }

    private final List<Frame> messages = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile StompSession session;

    /** Connects to {@code wsUrl} (ws://…/api/notifications/ws) with these CONNECT headers (name, value, …). */
    public StompClient(String wsUrl, String... connectHeaders) {
        WebSocketStompClient stomp = new WebSocketStompClient(new StandardWebSocketClient());
        stomp.setDefaultHeartbeat(new long[] {0, 0});
        StompHeaders headers = new StompHeaders();
        for (int i = 0; i < connectHeaders.length; i += 2) {
            headers.add(connectHeaders[i], connectHeaders[i + 1]);
        }
        stomp.connectAsync(URI.create(wsUrl), new WebSocketHttpHeaders(), headers, new StompSessionHandlerAdapter() {
            @Override
            public void afterConnected(StompSession connected, StompHeaders connectedHeaders) {
                session = connected;
            }

            @Override
            public void handleFrame(StompHeaders frameHeaders, Object payload) {
                errors.add(String.valueOf(frameHeaders.getFirst("message")));
            }

            @Override
            public void handleTransportError(StompSession failed, Throwable exception) {
                errors.add("transport: " + exception);
            }
        });
    }

    public boolean connected() {
        return session != null && session.isConnected();
    }

    /** Subscribes to the customer's notifications, from after {@code lastEventId} when given. */
    public void subscribe(String destination, String lastEventId) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        if (lastEventId != null) {
            headers.add("last-event-id", lastEventId);
        }
        session.subscribe(headers, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders frameHeaders) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders frameHeaders, Object payload) {
                messages.add(new Frame(frameHeaders.getFirst("message-id"), new String((byte[]) payload, StandardCharsets.UTF_8)));
            }
        });
    }

    public void send(String destination, String body) {
        session.send(destination, body.getBytes(StandardCharsets.UTF_8));
    }

    public List<Frame> messages() {
        return List.copyOf(messages);
    }

    public List<String> messageIds() {
        return messages.stream().map(Frame::messageId).toList();
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        StompSession open = session;
        if (open != null && open.isConnected()) {
            open.disconnect();
        }
    }
}
