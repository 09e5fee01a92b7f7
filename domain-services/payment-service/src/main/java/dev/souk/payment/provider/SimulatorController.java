package dev.souk.payment.provider;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator controls of the simulated provider; absent when a real provider is configured. */
@RestController
@RequestMapping("/api/payments/simulator")
@ConditionalOnProperty(name = "souk.payment.provider", havingValue = "simulator", matchIfMissing = true)
@Tag(name = "Simulated provider")
public class SimulatorController {

    private final SimulatedPaymentProvider simulator;

    SimulatorController(SimulatedPaymentProvider simulator) {
        this.simulator = simulator;
    }

    public record Outage(@NotNull Boolean down) {
    }

    @PutMapping("/outage")
    @Operation(summary = "Start or end a simulated provider outage", description = "While down, every charge answers 503 PAYMENT_PROVIDER_UNAVAILABLE.")
    Outage setOutage(@Valid @RequestBody Outage outage) {
        simulator.setOutage(outage.down());
        return new Outage(simulator.isOutage());
    }

    @GetMapping("/outage")
    Outage outage() {
        return new Outage(simulator.isOutage());
    }
}
