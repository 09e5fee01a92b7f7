package dev.souk.hub.downstream;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes the state of every downstream service's circuit breaker as the gauge
 * {@code souk.hub.circuit.breaker.state} (tag {@code breaker}, e.g. {@code product-service-breaker}; 0 closed, 1 open,
 * 2 half-open, 3 not started), so /actuator/prometheus shows what Hawtio shows. Read at every scrape.
 */
@Component
public class CircuitBreakerMetrics implements MeterBinder {

    private static final Map<String, Integer> STATES = Map.of("CLOSED", 0, "OPEN", 1, "HALF_OPEN", 2);

    private final CamelContext camel;

    public CircuitBreakerMetrics(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String service : ServiceCallRoutes.SERVICES) {
            String id = ServiceCallRoutes.breakerOf(service);
            Gauge.builder("souk.hub.circuit.breaker.state", camel, c -> stateOf(c, id))
                    .tag("breaker", id)
                    .description("0 closed, 1 open, 2 half-open, 3 not started")
                    .register(registry);
        }
    }

    private static double stateOf(CamelContext camel, String id) {
        ResilienceProcessor breaker = camel.getProcessor(id, ResilienceProcessor.class);
        return breaker == null ? 3 : STATES.getOrDefault(breaker.getCircuitBreakerState(), 3);
    }
}
