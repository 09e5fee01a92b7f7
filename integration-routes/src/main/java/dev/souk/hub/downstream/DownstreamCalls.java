package dev.souk.hub.downstream;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.model.Resilience4jConfigurationDefinition;

import dev.souk.hub.errors.DownstreamRejectedException;
import dev.souk.hub.errors.DownstreamUnavailableException;
import dev.souk.hub.errors.ResourceNotFoundException;

/**
 * What every guarded REST call to a domain service shares: the circuit breaker settings
 * (from configuration) and how an HTTP status turns into a failure.
 *
 * <p>Inside the breaker only statuses that say "the service is unhealthy" fail the call,
 * so a burst of 404s never opens the circuit; after the breaker the remaining statuses
 * become the client-facing errors.
 */
public class DownstreamCalls {

    /** Exchange property: Eureka id of the service being called (used in logs and problem details). */
    public static final String SERVICE = "soukDownstreamService";
    /** Exchange property: what the call fetches, e.g. "product prod-1" (used in 404 details). */
    public static final String RESOURCE = "soukDownstreamResource";
    /** Registry name of the thread pool the breakers run calls on (to time them out). */
    public static final String EXECUTOR = "downstreamCallExecutor";

    /**
     * Applies the breaker settings of {@code souk.hub.breaker.*} and the per-service call timeout
     * {@code <servicePrefix>.call-timeout-ms}. Values stay placeholders until the route is built.
     */
    public static void configureBreaker(Resilience4jConfigurationDefinition breaker, String servicePrefix) {
        breaker.setTimeoutEnabled("true");
        breaker.setTimeoutDuration("{{" + servicePrefix + ".call-timeout-ms}}");
        breaker.setTimeoutExecutorService(EXECUTOR);
        breaker.setSlidingWindowSize("{{souk.hub.breaker.sliding-window-size}}");
        breaker.setMinimumNumberOfCalls("{{souk.hub.breaker.minimum-number-of-calls}}");
        breaker.setFailureRateThreshold("{{souk.hub.breaker.failure-rate-threshold}}");
        breaker.setWaitDurationInOpenState("{{souk.hub.breaker.wait-duration-in-open-state-seconds}}");
        breaker.setPermittedNumberOfCallsInHalfOpenState("{{souk.hub.breaker.permitted-calls-in-half-open}}");
        breaker.setAutomaticTransitionFromOpenToHalfOpenEnabled("true");
        breaker.setThrowExceptionWhenHalfOpenOrOpenState("true");
        breaker.setWritableStackTraceEnabled("false");
    }

    /** Inside the breaker: 5xx, 429 and 408 mean the service cannot serve now. */
    public void requireHealthy(@Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                               @ExchangeProperty(SERVICE) String service) {
        if (status == null || status >= 500 || status == 429 || status == 408) {
            throw new DownstreamUnavailableException(service, service + " answered " + status);
        }
    }

    /** Inside a breaker with a fallback: anything but 2xx sends the call to the fallback. */
    public void requireSuccess(@Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                               @ExchangeProperty(SERVICE) String service) {
        requireHealthy(status, service);
        if (status < 200 || status > 299) {
            throw new DownstreamUnavailableException(service, service + " answered " + status);
        }
    }

    /**
     * Fallback of a breaker without a substitute answer: whatever failed (refused connection,
     * timeout, open circuit, 5xx) leaves the route as one {@link DownstreamUnavailableException},
     * so callers need not know how the call failed.
     */
    public void failUnavailable(@ExchangeProperty(SERVICE) String service,
                                @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause) {
        if (cause instanceof DownstreamUnavailableException unavailable) {
            throw unavailable;
        }
        String reason = cause == null ? "circuit open" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        throw new DownstreamUnavailableException(service, service + " unavailable (" + reason + ")", cause);
    }

    /** After the breaker: 404 is the client's problem, another 4xx means the hub built a bad request. */
    public void requireFound(@Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                             @ExchangeProperty(SERVICE) String service,
                             @ExchangeProperty(RESOURCE) String resource) {
        if (status == 404) {
            throw new ResourceNotFoundException(capitalized(resource) + " does not exist");
        }
        if (status < 200 || status > 299) {
            throw new DownstreamRejectedException(service + " rejected the request for " + resource + " with " + status);
        }
    }

    private static String capitalized(String text) {
        return text == null || text.isEmpty() ? "Resource" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
