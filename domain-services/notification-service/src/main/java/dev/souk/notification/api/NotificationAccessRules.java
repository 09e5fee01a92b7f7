package dev.souk.notification.api;

import dev.souk.kit.security.ServiceAccessRules;
import dev.souk.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Every notification endpoint needs a signed-in caller, and {@link NotificationController} shows a customer only their
 * own. Two ways in carry their proof elsewhere, because a browser cannot put a header on them: the SSE stream takes a
 * bearer token or a single-use ticket issued to a verified token ({@link StreamController}); the WebSocket handshake
 * is open and its STOMP CONNECT frame must carry the token. Events come from the platform (the hub) only.
 */
@Configuration(proxyBeanMethods = false)
class NotificationAccessRules {

    @Bean
    ServiceAccessRules notificationRoutes() {
        return rules -> rules
                .requestMatchers("/api/notifications/internal/**").hasRole(Roles.SERVICE)
                .requestMatchers(HttpMethod.GET, "/api/notifications/stream").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/notifications/ws", "/api/notifications/ws/**").permitAll();
    }
}
