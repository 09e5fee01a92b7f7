package dev.souk.gateway.edge;

import dev.souk.gateway.GatewayProperties;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/** Maps {@code /api/<segment>/...} to the service id configured for that segment. */
@Component
public class RouteTable {

    private static final String API = "/api/";

    private final Map<String, String> routes;

    public RouteTable(GatewayProperties properties) {
        this.routes = Map.copyOf(properties.getRoutes());
    }

    public Optional<String> serviceIdFor(String requestUri) {
        if (requestUri == null || !requestUri.startsWith(API)) {
            return Optional.empty();
        }
        int end = requestUri.indexOf('/', API.length());
        String segment = end < 0 ? requestUri.substring(API.length()) : requestUri.substring(API.length(), end);
        return Optional.ofNullable(routes.get(segment));
    }

    public Map<String, String> routes() {
        return routes;
    }
}
