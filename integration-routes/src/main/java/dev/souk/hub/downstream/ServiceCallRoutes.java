package dev.souk.hub.downstream;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.springframework.stereotype.Component;

import dev.souk.hub.security.HubCaller;

/**
 * One guarded REST route per domain service, used by the catalog, cart and order routes alike:
 * {@code direct:call-<service>} (routeId {@code <service>-call}) through that service's one circuit breaker
 * {@code <service>-breaker} (the names Hawtio and the {@code souk.hub.circuit.breaker.state} gauge show).
 *
 * <p>In: the request in headers a client can never send (see {@code InboundHeaderFilter}): {@link #METHOD},
 * {@link #PATH}, optionally {@link #QUERY}, {@link #ACTING_FOR} (sent as {@code X-User-Id}), {@link #CART} (sent as
 * {@code X-Cart-Id}), and a JSON body as text. Whatever else the exchange carries stays behind; the call carries the
 * hub's own SERVICE token.
 *
 * <p>Out: the answer's status ({@code CamelHttpResponseCode}), {@code Content-Type}, {@code Location} and
 * {@code Retry-After}, and its body as text — ready to be relayed or judged ({@link DownstreamAnswers}). A service that
 * cannot serve (unreachable, 5xx, 408, 429, slower than its response timeout, or its circuit open) leaves the route as
 * one {@code DownstreamUnavailableException}, whatever the caller: every call kind has the same timeout (the HTTP
 * client's connect and response timeouts of {@code souk.hub.<service>}), the same breaker settings
 * ({@code souk.hub.breaker}) and no retry of its own — the engine retries process steps, a client retries after the
 * 503's Retry-After.
 */
@Component
public class ServiceCallRoutes extends RouteBuilder {

    public static final String USER_SERVICE = "user-service";
    public static final String PRODUCT_SERVICE = "product-service";
    public static final String INVENTORY_SERVICE = "inventory-service";
    public static final String ORDER_SERVICE = "order-service";
    public static final String PAYMENT_SERVICE = "payment-service";
    public static final String DELIVERY_SERVICE = "delivery-service";
    public static final String CART_SERVICE = "cart-service";
    public static final String NOTIFICATION_SERVICE = "notification-service";
    public static final String REVIEW_SERVICE = "review-service";
    public static final String SEARCH_SERVICE = "search-service";
    public static final String RECOMMENDATION_SERVICE = "recommendation-service";
    public static final String AUDIT_SERVICE = "audit-service";

    public static final List<String> SERVICES = List.of(USER_SERVICE, PRODUCT_SERVICE, INVENTORY_SERVICE, ORDER_SERVICE,
            PAYMENT_SERVICE, DELIVERY_SERVICE, CART_SERVICE, NOTIFICATION_SERVICE, REVIEW_SERVICE, SEARCH_SERVICE,
            RECOMMENDATION_SERVICE, AUDIT_SERVICE);

    /** Request headers of a guarded call; the {@code souk} prefix keeps them out of a client's reach. */
    public static final String METHOD = "soukCallMethod";
    public static final String PATH = "soukCallPath";
    public static final String QUERY = "soukCallQuery";
    public static final String ACTING_FOR = "soukCallActingFor";
    public static final String CART = "soukCallCart";

    /** Exchange property: the service being called (logs and problem details). */
    public static final String SERVICE = "soukDownstreamService";

    public static String callOf(String service) {
        return "direct:call-" + service;
    }

    public static String breakerOf(String service) {
        return service + "-breaker";
    }

    @Override
    public void configure() {
        for (String service : SERVICES) {
            String settings = "souk.hub." + service;
            CircuitBreakerDefinition breaker = from(callOf(service)).routeId(service + "-call")
                    .description("REST call to " + service + " through its circuit breaker")
                    // failures travel back to the calling route, which answers or retries them
                    .errorHandler(noErrorHandler())
                    .setProperty(SERVICE, constant(service))
                    .process(ServiceCallRoutes::toHttpRequest)
                    .bean("serviceAuthorization", "apply")
                    .bean(DownstreamAnswers.class, "enterBreaker")
                    .circuitBreaker().id(breakerOf(service));
            configureBreaker(breaker.resilience4jConfiguration());
            breaker
                    .toD("${bean:serviceUrls?method=baseUrl('" + service + "')}"
                            + "?throwExceptionOnFailure=false"
                            + "&connectTimeout={{" + settings + ".connect-timeout-ms}}"
                            + "&responseTimeout={{" + settings + ".response-timeout-ms}}")
                    .convertBodyTo(String.class)
                    .bean("serviceAuthorization", "checkAccepted")
                    .bean(DownstreamAnswers.class, "requireHealthy")
                    .onFallback()
                        .bean(DownstreamAnswers.class, "unavailable")
                    .end()
                    .bean(DownstreamAnswers.class, "requireAvailable")
                    .removeHeaders("*", Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE, "Location", "Retry-After",
                            Exchange.REDELIVERED, Exchange.REDELIVERY_COUNTER, Exchange.REDELIVERY_MAX_COUNTER);
        }
    }

    /**
     * Only what the caller described goes out, in HTTP terms; nothing of the exchange's own headers, except the
     * redelivery count of a caller's error handler, which must survive the call.
     */
    public static void toHttpRequest(Exchange exchange) {
        var message = exchange.getMessage();
        String method = message.getHeader(METHOD, String.class);
        String path = message.getHeader(PATH, String.class);
        String query = message.getHeader(QUERY, String.class);
        String actingFor = message.getHeader(ACTING_FOR, String.class);
        String cart = message.getHeader(CART, String.class);
        message.removeHeaders("*", Exchange.REDELIVERED, Exchange.REDELIVERY_COUNTER, Exchange.REDELIVERY_MAX_COUNTER);
        message.setHeader(Exchange.HTTP_METHOD, method);
        message.setHeader(Exchange.HTTP_PATH, path);
        if (query != null) {
            message.setHeader(Exchange.HTTP_QUERY, query);
        }
        if (actingFor != null) {
            message.setHeader("X-User-Id", actingFor);
        }
        if (cart != null) {
            message.setHeader(HubCaller.CART_HEADER, cart);
        }
        message.setHeader("Accept", "application/json");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    }

    /** The settings of {@code souk.hub.breaker.*}; values stay placeholders until the route is built. */
    private static void configureBreaker(Resilience4jConfigurationDefinition breaker) {
        // the HTTP client's timeouts bound every call; a breaker timeout would run each call on another thread
        breaker.setTimeoutEnabled("false");
        breaker.setSlidingWindowSize("{{souk.hub.breaker.sliding-window-size}}");
        breaker.setMinimumNumberOfCalls("{{souk.hub.breaker.minimum-number-of-calls}}");
        breaker.setFailureRateThreshold("{{souk.hub.breaker.failure-rate-threshold}}");
        breaker.setWaitDurationInOpenState("{{souk.hub.breaker.wait-duration-in-open-state-seconds}}");
        breaker.setPermittedNumberOfCallsInHalfOpenState("{{souk.hub.breaker.permitted-calls-in-half-open}}");
        breaker.setAutomaticTransitionFromOpenToHalfOpenEnabled("true");
        breaker.setThrowExceptionWhenHalfOpenOrOpenState("true");
        breaker.setWritableStackTraceEnabled("false");
    }
}
