package dev.souk.gateway.edge;

import dev.souk.gateway.problem.ServiceUnavailableException;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Error handling of the edge routes, declared once: a service that is unknown to discovery, refuses the
 * connection or does not answer in time becomes a 503 problem with Retry-After; anything else a 500 problem.
 */
@Component
public class EdgeErrors extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration("edge-errors")
                .onException(ServiceUnavailableException.class, IOException.class)
                    .handled(true)
                    .bean("edgeProblems", "serviceUnavailable")
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .bean("edgeProblems", "internalError")
                .end();
    }
}
