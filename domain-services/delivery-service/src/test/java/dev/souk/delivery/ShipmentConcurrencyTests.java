package dev.souk.delivery;

import dev.souk.delivery.shipment.ShipmentService;
import dev.souk.delivery.shipment.ShipmentStatus;
import dev.souk.kit.problem.ApiException;
import dev.souk.kit.testing.Concurrently;
import dev.souk.kit.testing.PostgresTestDatabase;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** Repeated and competing commands on the real PostgreSQL server never create or move a shipment twice. */
@SoukServiceTest
@TestPropertySource(properties = "souk.delivery.carrier-simulator.enabled=false")
class ShipmentConcurrencyTests {

    private static final int THREADS = 16;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.use(registry, "souk_delivery_concurrency_test", 12);
    }

    @Autowired
    ShipmentService shipments;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;

    @Test
    void theSameShipmentCreatedManyTimesAtOnceExistsOnce() throws Exception {
        // given 20 retries of one create arriving together
        String order = DeliveryApiTests.newId("o");
        List<Callable<String>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(() -> {
                ShipmentService.Outcome outcome = shipments.create(order, "u-1", "1 Race Street");
                return (outcome.created() ? "created:" : "existing:") + outcome.shipment().id();
            });
        }

        // when they run
        List<String> outcomes = Concurrently.runTogether(THREADS, attempts);

        // then one created it, all others got that same shipment, and it was announced once
        assertThat(outcomes).filteredOn(o -> o.startsWith("created:")).hasSize(1);
        String id = outcomes.stream().filter(o -> o.startsWith("created:")).findFirst().orElseThrow().substring("created:".length());
        assertThat(outcomes).allMatch(o -> o.endsWith(":" + id));
        assertThat(jdbc.queryForObject("select count(*) from shipment where order_id = ?", Integer.class, order)).isEqualTo(1);
        assertThat(events(order)).containsExactly("ShipmentCreated");
    }

    @Test
    void cancelAndPickUpRacingForOneShipmentHaveExactlyOneWinner() throws Exception {
        List<String> orders = new ArrayList<>();
        List<Callable<String>> commands = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String order = DeliveryApiTests.newId("o");
            orders.add(order);
            shipments.create(order, "u-1", "2 Race Street");
            commands.add(() -> outcome(() -> shipments.cancel(order, "cancelled").status().name()));
            commands.add(() -> outcome(() -> shipments.changeStatus(order, ShipmentStatus.PICKED_UP, null).status().name()));
        }

        List<String> outcomes = Concurrently.runTogether(THREADS, commands);

        for (int i = 0; i < orders.size(); i++) {
            String cancel = outcomes.get(2 * i);
            String pickUp = outcomes.get(2 * i + 1);
            assertThat(List.of(cancel + "/" + pickUp)).containsAnyOf(
                    "CANCELLED/INVALID_SHIPMENT_TRANSITION", "SHIPMENT_ALREADY_SHIPPED/PICKED_UP");
            String order = orders.get(i);
            assertThat(shipments.ofOrder(order).history()).hasSize(2);
            assertThat(events(order)).containsExactly("ShipmentCreated", "ShipmentStatusChanged");
        }
    }

    @Test
    void manyCarrierStepsAndAdminRepeatsAtOnceMoveTheShipmentOnce() throws Exception {
        String order = DeliveryApiTests.newId("o");
        shipments.create(order, "u-1", "3 Race Street");
        Instant unchangedSince = clock.instant();
        List<Callable<String>> steps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            steps.add(() -> shipments.advanceIfUnchangedSince(order, unchangedSince) ? "moved" : "skipped");
        }

        List<String> outcomes = Concurrently.runTogether(THREADS, steps);

        assertThat(outcomes).filteredOn("moved"::equals).hasSize(1);
        assertThat(shipments.ofOrder(order).status()).isEqualTo(ShipmentStatus.PICKED_UP);

        // and the same admin step repeated at once changes it once more, not ten times
        List<Callable<String>> repeats = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            repeats.add(() -> outcome(() -> shipments.changeStatus(order, ShipmentStatus.IN_TRANSIT, "scan").status().name()));
        }
        assertThat(Concurrently.runTogether(THREADS, repeats)).containsOnly("IN_TRANSIT");
        assertThat(shipments.ofOrder(order).history()).hasSize(3);
        assertThat(events(order)).containsExactly("ShipmentCreated", "ShipmentStatusChanged", "ShipmentStatusChanged");
    }

    private List<String> events(String orderId) {
        return jdbc.queryForList("select event_type from outbox_event where event_key = ? order by seq", String.class, orderId);
    }

    private static String outcome(Callable<String> command) throws Exception {
        try {
            return command.call();
        } catch (ApiException e) {
            return e.code();
        }
    }

}
