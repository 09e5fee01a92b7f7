package dev.souk.gateway.edge;

import dev.souk.gateway.problem.ServiceUnavailableException;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Error handling of the edge routes, declared once: a service that is unknown to discovery, refuses the
 * connection, does not answer in time or has no free connection in time becomes a 503 problem with Retry-After;
 * anything else a 500 problem. The timeouts are named on their own because Camel matches the innermost cause first,
 * and the connection pool reports a lease that ran out of time as an I/O error caused by a {@link TimeoutException}.
 */
@Component
public class EdgeErrors extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration("edge-errors")
                .onException(ServiceUnavailableException.class, IOException.class, TimeoutException.class)
                    .handled(true)
                    .bean("edgeProblems", "serviceUnavailable")
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .bean("edgeProblems", "internalError")
                .end();
    }
}
