package dev.souk.delivery;

import dev.souk.delivery.shipment.Shipment;
import dev.souk.delivery.shipment.Shipment.StatusChange;
import dev.souk.delivery.shipment.ShipmentService;
import dev.souk.delivery.shipment.ShipmentStatus;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The simulated carrier moves open shipments forward on its own, one step per interval, like an admin would. */
@SoukServiceTest
@TestPropertySource(properties = {
        "souk.delivery.carrier-simulator.enabled=true",
        "souk.delivery.carrier-simulator.step-interval=800ms",
        "souk.delivery.carrier-simulator.poll-interval=100ms"})
class CarrierSimulatorTests {

    private static final Duration STEP = Duration.ofMillis(800);

    @Autowired
    ShipmentService shipments;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void openShipmentsAreDeliveredStepByStepAndCancelledOnesStay() {
        // given one shipment on its way and one cancelled at once
        String delivered = DeliveryApiTests.newId("o");
        String cancelled = DeliveryApiTests.newId("o");
        shipments.create(delivered, "u-1", "8 Carrier Street");
        shipments.create(cancelled, "u-1", "9 Carrier Street");
        shipments.cancel(cancelled, "customer changed their mind");

        // when the carrier has had time for every step
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> shipments.ofOrder(delivered).status() == ShipmentStatus.DELIVERED);

        // then the history shows one step at a time, each at least one interval after the previous one
        Shipment shipment = shipments.ofOrder(delivered);
        assertThat(shipment.history()).extracting(StatusChange::to)
                .containsExactly(ShipmentStatus.CREATED, ShipmentStatus.PICKED_UP, ShipmentStatus.IN_TRANSIT, ShipmentStatus.DELIVERED);
        assertThat(shipment.history()).extracting(StatusChange::note).last().isEqualTo("Delivered by Souk Express");
        List<StatusChange> history = shipment.history();
        for (int i = 1; i < history.size(); i++) {
            assertThat(Duration.between(history.get(i - 1).at(), history.get(i).at())).isGreaterThanOrEqualTo(STEP);
        }
        assertThat(events(delivered)).containsExactly("ShipmentCreated",
                "ShipmentStatusChanged", "ShipmentStatusChanged", "ShipmentStatusChanged");

        // and the cancelled shipment was never touched
        assertThat(shipments.ofOrder(cancelled).status()).isEqualTo(ShipmentStatus.CANCELLED);
        assertThat(shipments.ofOrder(cancelled).history()).hasSize(2);
        assertThat(events(cancelled)).containsExactly("ShipmentCreated", "ShipmentStatusChanged");
    }

    private List<String> events(String orderId) {
        return jdbc.queryForList("select event_type from outbox_event where event_key = ? order by seq", String.class, orderId);
    }
}
