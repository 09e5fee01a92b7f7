package dev.souk.delivery.carrier;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The simulated carrier: every {@code pollInterval} it moves up to {@code batchSize} shipments one status forward
 * whose last change is at least {@code stepInterval} old.
 */
@ConfigurationProperties("souk.delivery.carrier-simulator")
@Validated
public record CarrierSimulatorProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20s") Duration stepInterval,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("50") @Min(1) int batchSize) {
}
