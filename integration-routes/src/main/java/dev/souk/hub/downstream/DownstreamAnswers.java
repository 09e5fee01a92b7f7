package dev.souk.hub.downstream;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Header;
import org.apache.camel.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.hub.errors.DownstreamRejectedException;
import dev.souk.hub.errors.DownstreamUnavailableException;
import dev.souk.hub.errors.ResourceNotFoundException;

/**
 * How the hub reads what a service answered, in one place: inside a guarded call only "the service cannot serve now"
 * fails the call (so a burst of 404s never opens a circuit); after it, an answer is a result (2xx), something the
 * client asked for that does not exist (404), or a broken answer — a 4xx to a request the hub built, or a body that is
 * not the JSON it should be — which is the platform's fault: 502, never the client's 400.
 */
public final class DownstreamAnswers {

    /** Exchange property: what a call fetches, e.g. "product prod-1", for the detail of a 404. */
    public static final String RESOURCE = "soukDownstreamResource";
    private static final String UNAVAILABLE = "soukDownstreamUnavailable";
    private static final String CALLER_IN_TRY_BLOCK = "soukDownstreamCallerInTryBlock";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DownstreamAnswers() {
    }

    // ---- inside the breaker --------------------------------------------------------------------------------

    /** 5xx, 429 and 408 mean the service cannot serve now. */
    public static void requireHealthy(@Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                                      @ExchangeProperty(ServiceCallRoutes.SERVICE) String service) {
        if (status == null || status >= 500 || status == 429 || status == 408) {
            throw new DownstreamUnavailableException(service, service + " answered " + status);
        }
    }

    /**
     * Fallback of every breaker: whatever failed (refused connection, timeout, open circuit, 5xx) is remembered as one
     * {@link DownstreamUnavailableException}, so callers need not know how it failed. It is thrown by
     * {@link #requireAvailable} once the breaker is done: an exception leaving a fallback counts as handled, and a
     * caller's {@code doTry} would not see it.
     */
    public static void unavailable(Exchange exchange) {
        String service = service(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        DownstreamUnavailableException failure = cause instanceof DownstreamUnavailableException unavailable
                ? unavailable
                : new DownstreamUnavailableException(service, service + " unavailable ("
                        + (cause == null ? "circuit open" : cause.getClass().getSimpleName() + ": " + cause.getMessage())
                        + ")", cause);
        exchange.setProperty(UNAVAILABLE, failure);
    }

    /**
     * Before the breaker: a breaker runs its call as in a try block and leaves the exchange marked so; remember whether
     * the caller was in one, so that afterwards its own error handling (a consumer's redeliveries and dead letters)
     * still applies.
     */
    public static void enterBreaker(Exchange exchange) {
        exchange.setProperty(CALLER_IN_TRY_BLOCK, exchange.getProperty(ExchangePropertyKey.TRY_ROUTE_BLOCK));
    }

    /** After the breaker: the caller's error handling is back, and the call leaves as the failure its fallback remembered, if any. */
    public static void requireAvailable(Exchange exchange) {
        Object callerInTryBlock = exchange.getProperty(CALLER_IN_TRY_BLOCK);
        exchange.removeProperty(CALLER_IN_TRY_BLOCK);
        if (callerInTryBlock == null) {
            exchange.removeProperty(ExchangePropertyKey.TRY_ROUTE_BLOCK);
        } else {
            exchange.setProperty(ExchangePropertyKey.TRY_ROUTE_BLOCK, callerInTryBlock);
        }
        DownstreamUnavailableException failure = exchange.getProperty(UNAVAILABLE, DownstreamUnavailableException.class);
        if (failure != null) {
            exchange.removeProperty(UNAVAILABLE);
            exchange.removeProperty(ExchangePropertyKey.EXCEPTION_HANDLED);
            throw failure;
        }
    }

    // ---- after the call: result or problem ------------------------------------------------------------------

    /** The answer as a JSON tree: 2xx; 404 is the client's (the thing asked for does not exist); anything else 502. */
    public static JsonNode json(Exchange exchange) {
        int status = status(exchange);
        if (status == 404) {
            String resource = exchange.getProperty(RESOURCE, "the resource", String.class);
            throw new ResourceNotFoundException(Character.toUpperCase(resource.charAt(0)) + resource.substring(1)
                    + " does not exist");
        }
        requireSuccess(exchange);
        return tree(exchange);
    }

    /** A command the hub sent was carried out (2xx); any other answer means the hub built a request the service refused. */
    public static void requireSuccess(Exchange exchange) {
        int status = status(exchange);
        if (status < 200 || status > 299) {
            throw new DownstreamRejectedException(service(exchange) + " answered " + status + " to "
                    + exchange.getProperty(RESOURCE, "a request of the hub", String.class) + ": "
                    + exchange.getMessage().getBody(String.class));
        }
    }

    /** Like {@link #requireSuccess}, with 404 as success too: a compensation finds nothing left to undo. */
    public static void requireSuccessOrAbsent(Exchange exchange) {
        if (status(exchange) != 404) {
            requireSuccess(exchange);
        }
    }

    /** The answer's body as a JSON tree; a body that is not JSON is a broken answer (502). */
    public static JsonNode tree(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new DownstreamRejectedException(service(exchange) + " answered something that is not JSON: "
                    + e.getOriginalMessage());
        }
    }

    // ---- for choice(): what kind of answer came back -----------------------------------------------------------

    public static Predicate answered(int status) {
        return exchange -> status(exchange) == status;
    }

    public static Predicate succeeded() {
        return exchange -> status(exchange) >= 200 && status(exchange) <= 299;
    }

    /** The service refused with this status and problem {@code code}. */
    public static Predicate refused(int status, String code) {
        return exchange -> status(exchange) == status && code.equals(tree(exchange).path("code").asText());
    }

    public static int status(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? 0 : status;
    }

    private static String service(Exchange exchange) {
        return exchange.getProperty(ServiceCallRoutes.SERVICE, "a service", String.class);
    }
}
