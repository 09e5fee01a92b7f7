package dev.souk.gateway.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's WebSocket and the connection the gateway opened for it to an instance of the service: every message is
 * passed on whole, as it came, either way; when one side closes, so does the other, with the same status where the
 * protocol allows it. The client's side speaks the sub-protocol the service accepted.
 *
 * <p>The service side is open before the client's upgrade is answered, so what the service sends first waits here until
 * the client's side is open.
 */
final class RelayedConnection implements WebSocketHandler, SubProtocolCapable {

    private static final Logger log = LoggerFactory.getLogger(RelayedConnection.class);

    private final String serviceId;
    private final int sendTimeLimitMillis;
    private final int bufferLimitBytes;
    private final List<WebSocketMessage<?>> waitingForClient = new ArrayList<>();
    private WebSocketSession service;
    private WebSocketSession client;
    private CloseStatus closedByServiceEarly;

    RelayedConnection(String serviceId, int sendTimeLimitMillis, int bufferLimitBytes) {
        this.serviceId = serviceId;
        this.sendTimeLimitMillis = sendTimeLimitMillis;
        this.bufferLimitBytes = bufferLimitBytes;
    }

    /** The handler of the connection to the service. */
    WebSocketHandler serviceSide() {
        return new ServiceSide();
    }

    void serviceConnected(WebSocketSession session) {
        this.service = guarded(session);
    }

    @Override
    public List<String> getSubProtocols() {
        String accepted = service == null ? null : service.getAcceptedProtocol();
        return accepted == null || accepted.isEmpty() ? List.of() : List.of(accepted);
    }

    // ---- the client's side -------------------------------------------------------------------------------------

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        List<WebSocketMessage<?>> early;
        CloseStatus closed;
        synchronized (this) {
            client = guarded(session);
            early = List.copyOf(waitingForClient);
            waitingForClient.clear();
            closed = closedByServiceEarly;
        }
        for (WebSocketMessage<?> message : early) {
            client.sendMessage(message);
        }
        if (closed != null) {
            client.close(relayable(closed));
        }
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws IOException {
        if (!(message instanceof PongMessage) && service.isOpen()) {
            service.sendMessage(message);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) throws IOException {
        log.debug("WebSocket of a client of {} failed: {}", serviceId, exception.toString());
        closeQuietly(service, CloseStatus.GOING_AWAY);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        closeQuietly(service, relayable(status));
    }

    @Override
    public boolean supportsPartialMessages() {
        return false;
    }

    // ---- the service's side ------------------------------------------------------------------------------------

    private final class ServiceSide implements WebSocketHandler {

        @Override
        public void afterConnectionEstablished(WebSocketSession session) {
        }

        @Override
        public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws IOException {
            if (message instanceof PongMessage) {
                return;
            }
            WebSocketSession to;
            synchronized (RelayedConnection.this) {
                if (client == null) {
                    waitingForClient.add(message);
                    return;
                }
                to = client;
            }
            if (to.isOpen()) {
                to.sendMessage(message);
            }
        }

        @Override
        public void handleTransportError(WebSocketSession session, Throwable exception) {
            log.debug("WebSocket to {} failed: {}", serviceId, exception.toString());
            closeClient(CloseStatus.GOING_AWAY);
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            closeClient(relayable(status));
        }

        @Override
        public boolean supportsPartialMessages() {
            return false;
        }
    }

    private void closeClient(CloseStatus status) {
        WebSocketSession to;
        synchronized (this) {
            if (client == null) {
                closedByServiceEarly = status;
                return;
            }
            to = client;
        }
        closeQuietly(to, status);
    }

    /** A slow side cannot hold up the other: sends are buffered up to a limit and time-limited. */
    private WebSocketSession guarded(WebSocketSession session) {
        return new ConcurrentWebSocketSessionDecorator(session, sendTimeLimitMillis, bufferLimitBytes);
    }

    /** 1005, 1006 and 1015 describe a close; they are never sent in one. */
    static CloseStatus relayable(CloseStatus status) {
        return switch (status.getCode()) {
            case 1005 -> CloseStatus.NORMAL;
            case 1006, 1015 -> CloseStatus.GOING_AWAY;
            default -> status;
        };
    }

    private static void closeQuietly(WebSocketSession session, CloseStatus status) {
        if (session != null && session.isOpen()) {
            try {
                session.close(status);
            } catch (IOException | RuntimeException alreadyGone) {
                log.debug("Closing a relayed WebSocket: {}", alreadyGone.toString());
            }
        }
    }
}
