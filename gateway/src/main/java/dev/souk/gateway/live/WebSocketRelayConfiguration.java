package dev.souk.gateway.live;

import dev.souk.gateway.GatewayProperties;
import dev.souk.gateway.edge.RouteTable;
import dev.souk.gateway.edge.ServiceInstances;
import dev.souk.gateway.problem.ProblemResponder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WebSocket upgrades on {@code souk.gateway.live.web-socket-paths} go to {@link WebSocketRelay}, ahead of the Camel
 * edge routes (which answer plain HTTP only). The gateway's security filters run first, as for any request: the
 * origin check, and the live-connection rate limit.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketRelayConfiguration {

    @Bean
    SimpleUrlHandlerMapping webSocketRelayMapping(RouteTable routes, ServiceInstances instances, ProblemResponder problems,
                                                  GatewayProperties gateway, LiveConnectionProperties live,
                                                  @Value("${souk.gateway.connect-timeout-ms}") long connectTimeoutMillis) {
        WebSocketRelay relay = new WebSocketRelay(routes, instances, problems, gateway, live, connectTimeoutMillis);
        Map<String, Object> handlers = new LinkedHashMap<>();
        for (String path : live.webSocketPaths()) {
            // the relay hands each upgrade a handler of its own; this one only stands in for the mapping and is never used
            handlers.put(path, new WebSocketHttpRequestHandler(new AbstractWebSocketHandler() { }, relay));
        }
        return new SimpleUrlHandlerMapping(handlers, Ordered.HIGHEST_PRECEDENCE);
    }

    /** The client side of every relayed WebSocket takes messages up to the relay's limit. */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(LiveConnectionProperties live) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize((int) live.maxMessageSize().toBytes());
        container.setMaxBinaryMessageBufferSize((int) live.maxMessageSize().toBytes());
        return container;
    }
}
