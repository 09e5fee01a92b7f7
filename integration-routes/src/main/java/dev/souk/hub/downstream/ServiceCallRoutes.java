package dev.souk.hub.downstream;

import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.springframework.stereotype.Component;

/**
 * One guarded REST route per domain service ({@code direct:call-<service>}, routeId {@code <service>-call}), used by
 * the process steps and the order and cart commands. Each call carries the hub's SERVICE token. In: headers CamelHttpMethod, CamelHttpPath, optional CamelHttpQuery, a JSON body. Out: the
 * response body as text and CamelHttpResponseCode. An unhealthy, slow or unreachable service (or an open circuit)
 * leaves the route as a {@code DownstreamUnavailableException}; every other status is for the caller to judge.
 */
@Component
public class ServiceCallRoutes extends RouteBuilder {

    public static final List<String> SERVICES = List.of(
            "user-service", "product-service", "inventory-service", "order-service", "payment-service", "delivery-service",
            "cart-service");

    public static String callOf(String serviceId) {
        return "direct:call-" + serviceId;
    }

    @Override
    public void configure() {
        for (String service : SERVICES) {
            String settings = "souk.hub." + service;
            CircuitBreakerDefinition breaker = from(callOf(service)).routeId(service + "-call")
                    .description("REST call to " + service + " through its circuit breaker")
                    .errorHandler(noErrorHandler())
                    .setProperty(DownstreamCalls.SERVICE, constant(service))
                    .setHeader("Accept", constant("application/json"))
                    .bean("serviceAuthorization", "apply")
                    .circuitBreaker().id(service + "-calls");
            DownstreamCalls.configureBreaker(breaker.resilience4jConfiguration(), settings);
            breaker
                    .toD("${bean:serviceUrls?method=baseUrl('" + service + "')}"
                            + "?throwExceptionOnFailure=false"
                            + "&connectTimeout={{" + settings + ".connect-timeout-ms}}"
                            + "&responseTimeout={{" + settings + ".response-timeout-ms}}")
                    .convertBodyTo(String.class)
                    .bean("serviceAuthorization", "checkAccepted")
                    .bean(DownstreamCalls.class, "requireHealthy")
                    .onFallback()
                        .bean(DownstreamCalls.class, "failUnavailable")
                    .end();
        }
    }
}
