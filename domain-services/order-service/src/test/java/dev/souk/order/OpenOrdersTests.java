package dev.souk.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import dev.souk.kit.problem.ApiException;
import dev.souk.kit.testing.Concurrently;
import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.order.domain.OpenOrders;
import dev.souk.order.domain.OrderService;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The unpaid-orders cap order-service keeps for a customer's own orders: at most so many PENDING orders holding at
 * most so many units, also when the placements arrive at once (through any number of hubs).
 */
@SoukServiceTest
class OpenOrdersTests {

    private static final OpenOrders.Limits FIVE_ORDERS_FIFTY_UNITS = new OpenOrders.Limits(5, 50);

    @Autowired
    OrderService orders;
    @Autowired
    MockMvc mvc;

    @Test
    void aSixthUnpaidOrderIsRefusedAndPayingOrCancellingOneMakesRoom() {
        // given a customer with five unpaid orders
        String user = newUser();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(place(user, 1, FIVE_ORDERS_FIFTY_UNITS));
        }

        // when they order once more, then the order is refused with what they hold
        assertThat(outcome(() -> place(user, 1, FIVE_ORDERS_FIFTY_UNITS))).isEqualTo("409 TOO_MANY_OPEN_ORDERS");

        // when one is cancelled and another paid, then there is room for two more
        orders.cancel(placed.get(0), "changed my mind");
        orders.confirm(placed.get(1), "pay-1");
        assertThat(outcome(() -> place(user, 1, FIVE_ORDERS_FIFTY_UNITS))).startsWith("ord-");
        assertThat(outcome(() -> place(user, 1, FIVE_ORDERS_FIFTY_UNITS))).startsWith("ord-");
        assertThat(outcome(() -> place(user, 1, FIVE_ORDERS_FIFTY_UNITS))).isEqualTo("409 TOO_MANY_OPEN_ORDERS");
    }

    @Test
    void theUnitsUnpaidOrdersHoldAreCappedToo() throws Exception {
        String user = newUser();
        place(user, 48, FIVE_ORDERS_FIFTY_UNITS);

        mvc.perform(post("/api/orders").contentType("application/json").content("""
                        {"orderId":"%s","userId":"%s","shippingAddress":"1 Road","items":[{"productId":"prod-1",
                         "variantId":"var-1","name":"Mug","unitPrice":9.5,"quantity":3}],
                         "openOrderLimits":{"maxOpenOrders":5,"maxOpenUnits":50}}""".formatted(newOrder(), user)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("TOO_MANY_OPEN_ORDERS"))
                .andExpect(jsonPath("$.openOrders").value(1))
                .andExpect(jsonPath("$.openUnits").value(48));
        assertThat(outcome(() -> place(user, 2, FIVE_ORDERS_FIFTY_UNITS))).startsWith("ord-");
    }

    @Test
    void placingAnOrderAgainIsAnsweredAtTheCapAndStaffOrdersAreNotCounted() {
        String user = newUser();
        String last = null;
        for (int i = 0; i < 5; i++) {
            last = place(user, 1, FIVE_ORDERS_FIFTY_UNITS);
        }
        String repeated = last;

        assertThat(outcome(() -> orders.place(placement(repeated, user, 1, FIVE_ORDERS_FIFTY_UNITS)).order().id()))
                .isEqualTo(repeated);
        assertThat(outcome(() -> place(user, 1, null))).startsWith("ord-");
    }

    @Test
    void aBurstOfPlacementsOfOneCustomerStopsAtTheCap() throws Exception {
        String user = newUser();

        List<String> outcomes = Concurrently.runTogether(8, () -> outcome(() -> place(user, 1, FIVE_ORDERS_FIFTY_UNITS)));

        assertThat(outcomes).filteredOn(o -> o.startsWith("ord-")).hasSize(5);
        assertThat(outcomes).filteredOn(o -> !o.startsWith("ord-")).containsOnly("409 TOO_MANY_OPEN_ORDERS");
    }

    private String place(String user, int units, OpenOrders.Limits limits) {
        return orders.place(placement(newOrder(), user, units, limits)).order().id();
    }

    private static OrderService.Placement placement(String order, String user, int units, OpenOrders.Limits limits) {
        return new OrderService.Placement(order, user, "1 Market Street", "pm_abc", null,
                List.of(new OrderService.Line("prod-1", "var-1", "Mug", new BigDecimal("9.50"), units)), limits);
    }

    private static String outcome(Callable<String> placement) {
        try {
            return placement.call();
        } catch (ApiException e) {
            return e.status().value() + " " + e.code();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    private static String newOrder() {
        return "ord-" + UUID.randomUUID();
    }
}
