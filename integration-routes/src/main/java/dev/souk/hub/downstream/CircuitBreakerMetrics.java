package dev.souk.hub.downstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes the state of every circuit breaker of the hub as the gauge {@code souk.hub.circuit.breaker.state}
 * (tag {@code breaker}; 0 closed, 1 open, 2 half-open, 3 not started), so /actuator/prometheus shows what Hawtio
 * shows. The state is read from the route's breaker at every scrape.
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
        List<String> breakers = new ArrayList<>(List.of("product-service-breaker", "inventory-service-breaker"));
        ServiceCallRoutes.SERVICES.forEach(service -> breakers.add(service + "-calls"));
        for (String id : breakers) {
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
