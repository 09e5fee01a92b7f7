package dev.souk.delivery.carrier;

import dev.souk.delivery.shipment.ShipmentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Plays the carrier of a local system: picks up, transports and delivers each open shipment, one step per
 * {@code step-interval}. It goes through the same domain transition as an admin's status change, so history and
 * events look exactly alike. Safe to run on several instances: each step re-checks the shipment under its row lock.
 */
public class CarrierSimulator {

    private static final Logger log = LoggerFactory.getLogger(CarrierSimulator.class);

    private final ShipmentService shipments;
    private final CarrierSimulatorProperties properties;
    private final Clock clock;

    public CarrierSimulator(ShipmentService shipments, CarrierSimulatorProperties properties, Clock clock) {
        this.shipments = shipments;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${souk.delivery.carrier-simulator.poll-interval:2s}",
            initialDelayString = "${souk.delivery.carrier-simulator.poll-interval:2s}")
    public void tick() {
        try {
            step();
        } catch (RuntimeException e) {
            log.warn("Carrier simulator step failed; it runs again in {}: {}", properties.pollInterval(), e.toString());
        }
    }

    /** Moves every due shipment of one batch a step forward; answers how many moved. */
    public int step() {
        Instant unchangedSince = clock.instant().minus(properties.stepInterval());
        List<String> due = shipments.openShipmentsUnchangedSince(unchangedSince, properties.batchSize());
        int moved = 0;
        for (String orderId : due) {
            try {
                if (shipments.advanceIfUnchangedSince(orderId, unchangedSince)) {
                    moved++;
                }
            } catch (RuntimeException e) {
                log.warn("Carrier simulator could not move the shipment of order {}: {}", orderId, e.toString());
            }
        }
        if (moved > 0) {
            log.info("Carrier simulator moved {} shipment(s) one step forward", moved);
        }
        return moved;
    }
}
