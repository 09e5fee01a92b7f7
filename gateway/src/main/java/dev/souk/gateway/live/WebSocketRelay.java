package dev.souk.gateway.live;

import dev.souk.gateway.GatewayProperties;
import dev.souk.gateway.edge.RouteTable;
import dev.souk.gateway.edge.ServiceInstances;
import dev.souk.gateway.problem.ProblemResponder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.apache.tomcat.websocket.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Relays a WebSocket upgrade to an instance of the path's service (found through discovery, like every request): the
 * gateway first opens its own WebSocket to the instance, with the sub-protocols the client asked for, and only then
 * answers the client's upgrade with the sub-protocol the service accepted. A service that cannot be reached answers the
 * upgrade with 503 problem+json, as any request would be. The service sees the client's address in
 * {@code X-Forwarded-*} and the query string as sent; identity is the service's to check (the STOMP CONNECT frame).
 */
final class WebSocketRelay implements HandshakeHandler {

    private static final Logger log = LoggerFactory.getLogger(WebSocketRelay.class);

    private final RouteTable routes;
    private final ServiceInstances instances;
    private final ProblemResponder problems;
    private final GatewayProperties gateway;
    private final LiveConnectionProperties live;
    private final StandardWebSocketClient client;
    /** Answers the client's upgrade; it speaks the sub-protocol the relayed connection reports (SubProtocolCapable). */
    private final DefaultHandshakeHandler upgrade = new DefaultHandshakeHandler();
    private final long connectTimeoutMillis;

    WebSocketRelay(RouteTable routes, ServiceInstances instances, ProblemResponder problems, GatewayProperties gateway,
                   LiveConnectionProperties live, long connectTimeoutMillis) {
        this.routes = routes;
        this.instances = instances;
        this.problems = problems;
        this.gateway = gateway;
        this.live = live;
        this.connectTimeoutMillis = connectTimeoutMillis;
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize((int) live.maxMessageSize().toBytes());
        container.setDefaultMaxBinaryMessageBufferSize((int) live.maxMessageSize().toBytes());
        this.client = new StandardWebSocketClient(container);
        client.setUserProperties(Map.of(Constants.IO_TIMEOUT_MS_PROPERTY, Long.toString(connectTimeoutMillis)));
    }

    @Override
    public boolean doHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler unused,
                               Map<String, Object> attributes) throws HandshakeFailureException {
        HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
        HttpServletResponse servletResponse = ((ServletServerHttpResponse) response).getServletResponse();
        String serviceId = routes.serviceIdFor(servletRequest.getRequestURI()).orElse(null);
        Optional<URI> instance = serviceId == null ? Optional.empty() : instances.choose(serviceId);
        if (instance.isEmpty()) {
            return refuse(servletRequest, servletResponse, String.valueOf(serviceId), "no instance is registered");
        }

        RelayedConnection connection = new RelayedConnection(serviceId, (int) live.sendTimeLimit().toMillis(),
                (int) live.maxMessageSize().toBytes() * 4);
        try {
            WebSocketSession upstream = client.execute(connection.serviceSide(), upstreamHeaders(request, servletRequest),
                    upstreamUri(instance.get(), servletRequest)).get(connectTimeoutMillis, TimeUnit.MILLISECONDS);
            connection.serviceConnected(upstream);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.debug("WebSocket to {} at {} could not be opened: {}", serviceId, instance.get(), String.valueOf(cause));
            return refuse(servletRequest, servletResponse, serviceId, "its WebSocket could not be opened");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse(servletRequest, servletResponse, serviceId, "interrupted");
        }

        boolean upgraded = upgrade.doHandshake(request, response, connection, attributes);
        if (!upgraded) {
            connection.afterConnectionClosed(null, CloseStatus.PROTOCOL_ERROR);
        }
        return upgraded;
    }

    private static URI upstreamUri(URI instance, HttpServletRequest request) {
        String scheme = "https".equals(instance.getScheme()) ? "wss" : "ws";
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        return URI.create(scheme + "://" + instance.getRawAuthority() + request.getRequestURI() + query);
    }

    /** What the service learns of the client's handshake: where it came from and which sub-protocols it speaks. */
    private static WebSocketHttpHeaders upstreamHeaders(ServerHttpRequest request, HttpServletRequest servletRequest) {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        WebSocketHttpHeaders asked = new WebSocketHttpHeaders(request.getHeaders());
        if (!asked.getSecWebSocketProtocol().isEmpty()) {
            headers.setSecWebSocketProtocol(asked.getSecWebSocketProtocol());
        }
        String forwardedFor = servletRequest.getHeader("X-Forwarded-For");
        headers.set("X-Forwarded-For", forwardedFor == null ? servletRequest.getRemoteAddr()
                : forwardedFor + ", " + servletRequest.getRemoteAddr());
        headers.set("X-Forwarded-Proto", servletRequest.getScheme());
        String host = servletRequest.getHeader("Host");
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        return headers;
    }

    private boolean refuse(HttpServletRequest request, HttpServletResponse response, String serviceId, String reason) {
        try {
            problems.serviceUnavailable(request, response, serviceId, reason, gateway.getRetryAfterSeconds());
        } catch (IOException clientGone) {
            log.debug("Client gone before its refused upgrade was answered: {}", clientGone.toString());
        }
        return false;
    }
}
