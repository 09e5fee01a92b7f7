package dev.souk.gateway.edge;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The edge: every request under /api enters {@code gateway-edge}, which looks the first path segment up in the
 * routing table and hands known ones to {@code gateway-proxy}; the rest get a 404 problem.
 * Endpoint options and timeouts come from configuration.
 */
@Component
public class EdgeRoutes extends RouteBuilder {

    private final RouteTable routeTable;

    public EdgeRoutes(RouteTable routeTable) {
        this.routeTable = routeTable;
    }

    @Override
    public void configure() {
        from("platform-http:/api?matchOnUriPrefix=true&useStreaming=true&populateBodyWithForm=false"
                + "&headerFilterStrategy=#edgeHeaderFilterStrategy")
                .routeId("gateway-edge")
                .routeConfigurationId("edge-errors")
                .setProperty(EdgeExchange.REQUEST, header("CamelHttpServletRequest"))
                .setProperty(EdgeExchange.RESPONSE, header("CamelHttpServletResponse"))
                .process(exchange -> exchange.setProperty(EdgeExchange.SERVICE_ID, routeTable.serviceIdFor(
                        exchange.getProperty(EdgeExchange.REQUEST, HttpServletRequest.class).getRequestURI()).orElse(null)))
                .choice()
                    .when(exchangeProperty(EdgeExchange.SERVICE_ID).isNotNull())
                        .to("direct:gateway-proxy")
                    .otherwise()
                        .to("direct:gateway-not-found")
                .end();

        from("direct:gateway-proxy")
                .routeId("gateway-proxy")
                .routeConfigurationId("edge-errors")
                // the service's answer goes to the client as it arrives: a cached body would hold back a stream
                // (Server-Sent Events) until it ends, and every large answer in memory
                .noStreamCaching()
                .process("upstreamRequest")
                // one pooled keep-alive client for all services; the target comes from the CamelHttpUri header
                .to("http://upstream?throwExceptionOnFailure=false&copyHeaders=false&disableStreamCache=true"
                        + "&headerFilterStrategy=#edgeHeaderFilterStrategy"
                        + "&skipResponseHeaders=true&httpActivityListener=#upstreamResponseHeaders"
                        + "&connectTimeout={{souk.gateway.connect-timeout-ms}}"
                        + "&connectionRequestTimeout={{souk.gateway.connect-timeout-ms}}"
                        + "&responseTimeout={{souk.gateway.response-timeout-ms}}"
                        + "&soTimeout={{souk.gateway.response-timeout-ms}}"
                        + "&connectionsPerRoute={{souk.gateway.connections-per-instance}}"
                        + "&maxTotalConnections={{souk.gateway.max-connections}}")
                .process("clientResponse");

        from("direct:gateway-not-found")
                .routeId("gateway-not-found")
                .routeConfigurationId("edge-errors")
                .bean("edgeProblems", "notFound");
    }
}
