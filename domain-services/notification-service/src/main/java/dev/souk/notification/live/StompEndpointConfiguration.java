package dev.souk.notification.live;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import java.time.Duration;

/**
 * STOMP over WebSocket at {@code /api/notifications/ws}. A client CONNECTs with {@code Authorization: Bearer <token>}
 * (or {@code ticket: <single-use ticket>}) and SUBSCRIBEs to {@code /user/queue/notifications}, optionally with
 * {@code last-event-id}; nothing else is accepted ({@link StompAuthentication}). Heart-beats every
 * {@code souk.notifications.live.heartbeat-interval} both ways keep idle connections open through proxies.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
public class StompEndpointConfiguration implements WebSocketMessageBrokerConfigurer {

    public static final String ENDPOINT = "/api/notifications/ws";
    /** The one destination a customer subscribes to: their own notifications. */
    public static final String NOTIFICATIONS = "/user/queue/notifications";

    private final StompAuthentication authentication;
    private final String[] allowedOrigins;
    private final long heartbeatMillis;
    private final TaskScheduler heartbeats;

    /** The broker's own scheduler sends the heart-beats (lazily: the broker configuration creates it). */
    StompEndpointConfiguration(StompAuthentication authentication,
                               @Value("${souk.security.cors-origins:}") String[] allowedOrigins,
                               @Value("${souk.notifications.live.heartbeat-interval:PT15S}") Duration heartbeat,
                               @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler heartbeats) {
        this.authentication = authentication;
        this.allowedOrigins = allowedOrigins;
        this.heartbeatMillis = heartbeat.toMillis();
        this.heartbeats = heartbeats;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        // proof travels in the CONNECT frame, not in cookies: the origin check only keeps foreign pages out as the
        // gateway's CORS rules do (same origin, or the configured browser origins)
        registry.addEndpoint(ENDPOINT).setAllowedOriginPatterns(allowedOrigins);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/queue")
                .setHeartbeatValue(new long[] {heartbeatMillis, heartbeatMillis})
                .setTaskScheduler(heartbeats);
        registry.setUserDestinationPrefix("/user");
        // frames of one session leave in the order they were sent
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(authentication);
    }
}
