package dev.souk.gateway.servicemap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** {@code GET /api/platform/services}: every node of the service map with its live status, for the map's colours. */
@Component
public class PlatformServicesRoutes extends RouteBuilder {

    private final ServiceHealth health;
    private final ObjectMapper objectMapper;

    public PlatformServicesRoutes(ServiceHealth health, ObjectMapper objectMapper) {
        this.health = health;
        this.objectMapper = objectMapper;
    }

    @Override
    public void configure() {
        from("platform-http:/api/platform/services")
                .routeId("gateway-platform-services")
                .removeHeaders("*")
                .process(exchange -> exchange.getMessage().setBody(objectMapper.writeValueAsBytes(health.statuses())))
                .setHeader(Exchange.CONTENT_TYPE, constant(MediaType.APPLICATION_JSON_VALUE))
                .setHeader("Cache-Control", constant("no-store"));
    }
}
