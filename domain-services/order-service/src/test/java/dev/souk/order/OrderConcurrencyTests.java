package dev.souk.order;

import dev.souk.kit.problem.ApiException;
import dev.souk.kit.testing.Concurrently;
import dev.souk.kit.testing.PostgresTestDatabase;
import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.order.domain.Order;
import dev.souk.order.domain.OrderService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Concurrent commands on one order, on the real PostgreSQL server: no lost update, no double event. */
@SoukServiceTest
class OrderConcurrencyTests {

    private static final int THREADS = 10;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.use(registry, "souk_order_concurrency_test", 16);
    }

    @Autowired
    OrderService orders;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void confirmAndCancelRacingOnAPendingOrderLetExactlyOneWin() throws Exception {
        // given a pending order, and both commands made to read it before either may write
        String order = place(OrderApiTests.newId("ord"));
        List<String> outcomes;
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("select id from orders where id = ? for update")) {
                lock.setString(1, order);
                lock.executeQuery().close();
            }

            // when confirm and cancel run at once
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<String> confirm = pool.submit(() -> outcome(() -> orders.confirm(order, "pay-1")));
                Future<String> cancel = pool.submit(() -> outcome(() -> orders.cancel(order, "Customer request")));
                await().atMost(Duration.ofSeconds(30)).until(this::sessionsWaitingForALock, n -> n == 2);
                blocker.commit();
                outcomes = List.of(confirm.get(30, TimeUnit.SECONDS), cancel.get(30, TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }
        }

        // then exactly one wins, the other is told 409 and the order shows only the winner's change
        assertThat(outcomes).containsAnyOf("CONFIRMED", "CANCELLED");
        assertThat(outcomes).filteredOn(o -> o.equals("CONFIRMED") || o.equals("CANCELLED")).hasSize(1);
        // the losing confirm finds the order cancelled; the losing cancel was overtaken by the confirmation
        assertThat(outcomes).filteredOn(o -> o.equals("409 ORDER_NOT_PENDING") || o.equals("409 CONCURRENT_UPDATE")).hasSize(1);
        String winner = outcomes.get(0).equals("CONFIRMED") ? "CONFIRMED" : "CANCELLED";
        Order stored = orders.get(order);
        assertThat(stored.status().name()).isEqualTo(winner);
        assertThat(stored.history()).hasSize(2);
        assertThat(events(order)).containsExactly("OrderCreated", winner.equals("CONFIRMED") ? "OrderConfirmed" : "OrderCancelled");
    }

    @Test
    void theSameConfirmationDeliveredManyTimesAtOnceConfirmsOnce() throws Exception {
        String order = place(OrderApiTests.newId("ord"));
        List<Callable<String>> confirmations = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            confirmations.add(() -> outcome(() -> orders.confirm(order, "pay-1")));
        }

        List<String> outcomes = Concurrently.runTogether(THREADS, confirmations);

        assertThat(outcomes).containsOnly("CONFIRMED");
        assertThat(orders.get(order).history()).hasSize(2);
        assertThat(events(order)).containsExactly("OrderCreated", "OrderConfirmed");
    }

    @Test
    void theSamePlacementSubmittedManyTimesAtOnceCreatesOneOrder() throws Exception {
        String order = OrderApiTests.newId("ord");
        List<Callable<String>> placements = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            placements.add(() -> {
                try {
                    return orders.place(placement(order)).created() ? "created" : "existing";
                } catch (ApiException e) {
                    return e.status().value() + " " + e.code();
                }
            });
        }

        List<String> outcomes = Concurrently.runTogether(THREADS, placements);

        assertThat(outcomes).filteredOn("created"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("existing"::equals).hasSize(THREADS - 1);
        assertThat(jdbc.queryForObject("select count(*) from order_item where order_id = ?", Integer.class, order)).isEqualTo(1);
        assertThat(events(order)).containsExactly("OrderCreated");
    }

    private int sessionsWaitingForALock() {
        return jdbc.queryForObject("select count(*) from pg_stat_activity where datname = current_database() "
                + "and wait_event_type = 'Lock'", Integer.class);
    }

    private String place(String order) {
        orders.place(placement(order));
        return order;
    }

    private static OrderService.Placement placement(String order) {
        return new OrderService.Placement(order, "user-123", "1 Market Street", "pm_abc", null,
                List.of(new OrderService.Line("prod-1", "var-1", "Kettle", new BigDecimal("19.99"), 2)), null);
    }

    private List<String> events(String order) {
        return jdbc.queryForList("select event_type from outbox_event where event_key = ? order by seq", String.class, order);
    }

    private static String outcome(Callable<Order> command) throws Exception {
        try {
            return command.call().status().name();
        } catch (ApiException e) {
            return e.status().value() + " " + e.code();
        }
    }

}
