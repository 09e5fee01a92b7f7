package dev.souk.gateway.edge;

import dev.souk.gateway.GatewayProperties;
import dev.souk.gateway.problem.ProblemResponder;
import dev.souk.gateway.problem.ServiceUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/** The problem answers of the edge routes, written directly to the client. */
@Component("edgeProblems")
public class EdgeProblems {

    private static final Logger log = LoggerFactory.getLogger(EdgeProblems.class);

    private final ProblemResponder problems;
    private final int retryAfterSeconds;

    public EdgeProblems(ProblemResponder problems, GatewayProperties properties) {
        this.problems = problems;
        this.retryAfterSeconds = properties.getRetryAfterSeconds();
    }

    public void notFound(Exchange exchange) throws IOException {
        problems.notFound(request(exchange), response(exchange));
        done(exchange);
    }

    public void serviceUnavailable(Exchange exchange) throws IOException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String serviceId = exchange.getProperty(EdgeExchange.SERVICE_ID, String.class);
        String reason = reason(cause);
        log.warn("{} {} → {} unavailable: {}", request(exchange).getMethod(), request(exchange).getRequestURI(),
                serviceId, cause == null ? reason : cause.toString());
        problems.serviceUnavailable(request(exchange), response(exchange), serviceId, reason, retryAfterSeconds);
        done(exchange);
    }

    public void internalError(Exchange exchange) throws IOException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        log.error("{} {} failed in the gateway", request(exchange).getMethod(), request(exchange).getRequestURI(), cause);
        problems.internalError(request(exchange), response(exchange));
        done(exchange);
    }

    private static String reason(Throwable cause) {
        if (cause instanceof ServiceUnavailableException unavailable) {
            return unavailable.getMessage();
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().contains("ConnectionRequestTimeout") || t instanceof TimeoutException) {
                return "every connection to it is busy";
            }
            if (t instanceof SocketTimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return "no answer within the timeout";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "host cannot be resolved";
            }
        }
        return "the connection failed";
    }

    private static HttpServletRequest request(Exchange exchange) {
        return exchange.getProperty(EdgeExchange.REQUEST, HttpServletRequest.class);
    }

    private static HttpServletResponse response(Exchange exchange) {
        return exchange.getProperty(EdgeExchange.RESPONSE, HttpServletResponse.class);
    }

    /** Empties the message so the platform-http binding adds nothing to the answer already written. */
    private static void done(Exchange exchange) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setBody(null);
    }
}
