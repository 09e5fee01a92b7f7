package dev.souk.inventory;

import dev.souk.inventory.reservation.Reservation.Line;
import dev.souk.inventory.reservation.ReservationService;
import dev.souk.inventory.stock.StockLevel;
import dev.souk.inventory.stock.StockService;
import dev.souk.kit.problem.ApiException;
import dev.souk.kit.testing.Concurrently;
import dev.souk.kit.testing.PostgresTestDatabase;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** Many parallel reservations on the real PostgreSQL server never oversell, deadlock or double-hold. */
@SoukServiceTest
class ReservationConcurrencyTests {

    private static final int THREADS = 24;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.use(registry, "souk_inventory_concurrency_test", 16);
    }

    @Autowired
    ReservationService reservations;
    @Autowired
    StockService stock;

    @Test
    void theLastUnitsGoToExactlyAsManyOrdersAsThereAreUnits() throws Exception {
        // given 10 units and 60 orders that each want one
        String product = InventoryApiTests.newId("p");
        stock.setOnHand(product, "v", 10);
        List<Callable<String>> orders = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String order = InventoryApiTests.newId("o");
            orders.add(() -> outcome(() -> reservations.reserve(order, List.of(new Line(product, "v", 1)))));
        }

        // when they all reserve at once
        List<String> outcomes = Concurrently.runTogether(THREADS, orders);

        // then exactly 10 succeed, the rest are told it is out of stock, and nothing is oversold
        assertThat(outcomes).filteredOn("RESERVED"::equals).hasSize(10);
        assertThat(outcomes).filteredOn("OUT_OF_STOCK"::equals).hasSize(50);
        StockLevel level = stock.get(product, "v");
        assertThat(level.reserved()).isEqualTo(10);
        assertThat(level.available()).isZero();
    }

    @Test
    void ordersReservingTheSameVariantsInOppositeOrderNeitherDeadlockNorOversell() throws Exception {
        String product = InventoryApiTests.newId("p");
        stock.setOnHand(product, "a", 30);
        stock.setOnHand(product, "b", 30);
        List<Callable<String>> orders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String order = InventoryApiTests.newId("o");
            List<Line> lines = i % 2 == 0
                    ? List.of(new Line(product, "a", 1), new Line(product, "b", 1))
                    : List.of(new Line(product, "b", 1), new Line(product, "a", 1));
            orders.add(() -> outcome(() -> reservations.reserve(order, lines)));
        }

        List<String> outcomes = Concurrently.runTogether(THREADS, orders);

        assertThat(outcomes).allMatch(o -> o.equals("RESERVED") || o.equals("OUT_OF_STOCK"));
        assertThat(outcomes).filteredOn("RESERVED"::equals).hasSize(30);
        assertThat(stock.get(product, "a").reserved()).isEqualTo(30);
        assertThat(stock.get(product, "b").reserved()).isEqualTo(30);
    }

    @Test
    void theSameOrderReservedManyTimesAtOnceHoldsItsUnitsOnce() throws Exception {
        String product = InventoryApiTests.newId("p");
        String order = InventoryApiTests.newId("o");
        stock.setOnHand(product, "v", 100);
        List<Callable<String>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(() -> outcome(() -> reservations.reserve(order, List.of(new Line(product, "v", 3)))));
        }

        List<String> outcomes = Concurrently.runTogether(THREADS, attempts);

        assertThat(outcomes).containsOnly("RESERVED");
        assertThat(stock.get(product, "v").reserved()).isEqualTo(3);
    }

    private static String outcome(Callable<ReservationService.Outcome> reserve) throws Exception {
        try {
            return reserve.call().reservation().status().name();
        } catch (ApiException e) {
            return e.code();
        }
    }

}
