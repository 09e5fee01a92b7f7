package dev.souk.inventory;

import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SoukServiceTest
class InventoryApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void stockIsSetCheckedAndListed() throws Exception {
        String product = newId("p");
        setStock(product, "var-1", 5).andExpect(status().isOk())
                .andExpect(jsonPath("$.available").value(5));
        setStock(product, "var-2", 0).andExpect(status().isOk());

        mvc.perform(get("/api/inventory/check").param("productId", product).param("variantId", "var-1").param("quantity", "5"))
                .andExpect(jsonPath("$.inStock").value(true));
        mvc.perform(get("/api/inventory/check").param("productId", product).param("variantId", "var-1").param("quantity", "6"))
                .andExpect(jsonPath("$.inStock").value(false))
                .andExpect(jsonPath("$.available").value(5));
        mvc.perform(get("/api/inventory/check").param("productId", "unknown").param("variantId", "none"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.available").value(0))
                .andExpect(jsonPath("$.inStock").value(false));
        mvc.perform(get("/api/inventory/stock").param("productId", product))
                .andExpect(jsonPath("$.length()").value(2));
        mvc.perform(get("/api/inventory/stock/{p}/{v}", product, "nope"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("STOCK_NOT_FOUND"));
    }

    @Test
    void reservationHoldsStockOnceAndCommitSellsIt() throws Exception {
        String product = newId("p");
        String order = newId("o");
        setStock(product, "v", 10);

        reserve(order, line(product, "v", 3)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("RESERVED"));
        reserve(order, line(product, "v", 3)).andExpect(status().isOk());
        assertLevel(product, "v", 10, 3);

        reserve(order, line(product, "v", 4))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("RESERVATION_MISMATCH"));

        command("commit", order).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("COMMITTED"));
        command("commit", order).andExpect(status().isOk());
        assertLevel(product, "v", 7, 0);

        assertThat(events(order)).containsExactly("StockReserved", "StockCommitted");
    }

    @Test
    void releasingACommittedOrderPutsItsUnitsBackOnTheShelf() throws Exception {
        String product = newId("p");
        String order = newId("o");
        setStock(product, "v", 10);
        reserve(order, line(product, "v", 4)).andExpect(status().isCreated());
        command("commit", order).andExpect(status().isOk());
        assertLevel(product, "v", 6, 0);

        command("release", order).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RELEASED"));
        command("release", order).andExpect(status().isOk());

        assertLevel(product, "v", 10, 0);
        assertThat(events(order)).containsExactly("StockReserved", "StockCommitted", "StockReleased");
    }

    @Test
    void heldReservationsAreListedOldestFirstWithinTheirBounds() throws Exception {
        String product = newId("p");
        setStock(product, "v", 10);
        String oldest = newId("o");
        String older = newId("o");
        String recent = newId("o");
        String released = newId("o");
        for (String order : List.of(oldest, older, recent, released)) {
            reserve(order, line(product, "v", 1)).andExpect(status().isCreated());
        }
        command("release", released).andExpect(status().isOk());
        // moved back behind the service: two reservations made two days ago, one of them a minute earlier
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
        jdbc.update("update reservation set created_at = ? where order_id = ?", Timestamp.from(twoDaysAgo.minusSeconds(60)), oldest);
        jdbc.update("update reservation set created_at = ? where order_id = ?", Timestamp.from(twoDaysAgo), older);
        jdbc.update("update reservation set created_at = ? where order_id = ?", Timestamp.from(twoDaysAgo), released);
        String dayAgo = Instant.now().minus(Duration.ofDays(1)).toString();

        mvc.perform(get("/api/inventory/reservations").param("status", "RESERVED").param("createdBefore", dayAgo)
                        .param("limit", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].orderId").value(oldest))
                .andExpect(jsonPath("$.items[0].items[0].quantity").value(1))
                .andExpect(jsonPath("$.more").value(true))
                .andExpect(jsonPath("$.next").isString());
        String next = com.jayway.jsonpath.JsonPath.read(mvc.perform(get("/api/inventory/reservations")
                .param("status", "RESERVED").param("createdBefore", dayAgo).param("limit", "1"))
                .andReturn().getResponse().getContentAsString(), "$.next");
        String second = mvc.perform(get("/api/inventory/reservations").param("status", "RESERVED")
                        .param("createdBefore", dayAgo).param("after", next).param("limit", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andReturn().getResponse().getContentAsString();
        assertThat(second).doesNotContain(oldest).contains(older);
        String listed = mvc.perform(get("/api/inventory/reservations").param("status", "RESERVED").param("createdBefore", dayAgo)
                        .param("limit", "500"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.more").value(false))
                .andReturn().getResponse().getContentAsString();
        assertThat(listed).contains(oldest, older).doesNotContain(recent, released);

        for (String[] bad : List.of(new String[]{"status", "HELD"}, new String[]{"createdBefore", "yesterday"},
                new String[]{"limit", "0"}, new String[]{"limit", "501"}, new String[]{"after", "yesterday~o-1"})) {
            var request = get("/api/inventory/reservations").param(bad[0], bad[1]);
            if (!bad[0].equals("status")) {
                request.param("status", "RESERVED");
            }
            mvc.perform(request)
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
    }

    @Test
    void releaseGivesStockBackAndIsFinal() throws Exception {
        String product = newId("p");
        String order = newId("o");
        setStock(product, "v", 2);
        reserve(order, line(product, "v", 2)).andExpect(status().isCreated());
        assertLevel(product, "v", 2, 2);

        command("release", order).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RELEASED"));
        command("release", order).andExpect(status().isOk());
        assertLevel(product, "v", 2, 0);

        command("commit", order).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("RESERVATION_RELEASED"));
        reserve(order, line(product, "v", 2)).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("RESERVATION_RELEASED"));
        assertThat(events(order)).containsExactly("StockReserved", "StockReleased");
    }

    @Test
    void aReservationArrivingAfterItsOrderWasReleasedIsRefused() throws Exception {
        String product = newId("p");
        String order = newId("o");
        setStock(product, "v", 2);

        command("release", order).andExpect(status().isOk());
        reserve(order, line(product, "v", 1)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("RESERVATION_RELEASED"));
        assertLevel(product, "v", 2, 0);
    }

    @Test
    void outOfStockNamesTheShortItemsAndHoldsNothing() throws Exception {
        String product = newId("p");
        String order = newId("o");
        setStock(product, "plenty", 100);
        setStock(product, "scarce", 1);

        reserve(order, line(product, "plenty", 5), line(product, "scarce", 2), line(product, "unstocked", 1))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("OUT_OF_STOCK"))
                .andExpect(jsonPath("$.shortItems.length()").value(2))
                .andExpect(jsonPath("$.shortItems[?(@.variantId == 'scarce')].available").value(1))
                .andExpect(jsonPath("$.shortItems[?(@.variantId == 'unstocked')].available").value(0));

        assertLevel(product, "plenty", 100, 0);
        assertLevel(product, "scarce", 1, 0);
        mvc.perform(get("/api/inventory/reservations/{id}", order)).andExpect(status().isNotFound());
        assertThat(events(order)).isEmpty();
    }

    @Test
    void repeatedLinesOfOneVariantAreAddedUp() throws Exception {
        String product = newId("p");
        String order = newId("o");
        setStock(product, "v", 5);
        reserve(order, line(product, "v", 2), line(product, "v", 3)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].quantity").value(5));
        assertLevel(product, "v", 5, 5);
    }

    @Test
    void onHandCannotDropBelowWhatIsReserved() throws Exception {
        String product = newId("p");
        setStock(product, "v", 5);
        reserve(newId("o"), line(product, "v", 4)).andExpect(status().isCreated());

        setStock(product, "v", 3).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("STOCK_BELOW_RESERVED"))
                .andExpect(jsonPath("$.reserved").value(4));
        setStock(product, "v", 4).andExpect(status().isOk()).andExpect(jsonPath("$.available").value(0));
    }

    @Test
    void unknownReservationsAreNotFound() throws Exception {
        command("commit", "never-reserved").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("RESERVATION_NOT_FOUND"));
        mvc.perform(get("/api/inventory/reservations/{id}", "never-reserved")).andExpect(status().isNotFound());
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        String product = newId("p");
        setStock(product, "v", 5);
        Map<String, Object> before = jdbc.queryForMap("select (select count(*) from reservation) r, (select sum(reserved) from stock_item) s, (select count(*) from stock_item) c");

        String[][] bad = {
                {"reserve", "{\"orderId\":\"o-1\",\"items\":[]}"},
                {"reserve", "{\"orderId\":\"o-1\",\"items\":[{\"productId\":\"" + product + "\",\"variantId\":\"v\",\"quantity\":0}]}"},
                {"reserve", "{\"orderId\":\"o-1\",\"items\":[{\"productId\":\"" + product + "\",\"variantId\":\"v\",\"quantity\":-2}]}"},
                {"reserve", "{\"orderId\":\"o-1\",\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}"},
                {"reserve", "{\"items\":[{\"productId\":\"" + product + "\",\"variantId\":\"v\",\"quantity\":1}]}"},
                {"reserve", "{\"orderId\":\"bad id\",\"items\":[{\"productId\":\"" + product + "\",\"variantId\":\"v\",\"quantity\":1}]}"},
                {"release", "{}"},
                {"commit", "{\"orderId\":\"\"}"},
        };
        for (String[] call : bad) {
            mvc.perform(post("/api/inventory/" + call[0]).contentType(MediaType.APPLICATION_JSON).content(call[1]))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
        mvc.perform(post("/api/inventory/reserve").contentType(MediaType.APPLICATION_JSON).content("{\"orderId\":"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        mvc.perform(put("/api/inventory/stock").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"productId\":\"" + product + "\",\"variantId\":\"v\",\"onHand\":-1}"))
                .andExpect(status().isBadRequest());
        mvc.perform(put("/api/inventory/stock").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"productId\":\"" + product + "\",\"variantId\":\"v\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/inventory/check").param("productId", product).param("variantId", "v").param("quantity", "0"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/inventory/check").param("productId", product))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));

        Map<String, Object> after = jdbc.queryForMap("select (select count(*) from reservation) r, (select sum(reserved) from stock_item) s, (select count(*) from stock_item) c");
        assertThat(after).isEqualTo(before);
        assertLevel(product, "v", 5, 0);
    }

    private ResultActions setStock(String product, String variant, int onHand) throws Exception {
        return mvc.perform(put("/api/inventory/stock").with(admin()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"productId\":\"" + product + "\",\"variantId\":\"" + variant + "\",\"onHand\":" + onHand + "}"));
    }

    private ResultActions reserve(String order, String... lines) throws Exception {
        return mvc.perform(post("/api/inventory/reserve").contentType(MediaType.APPLICATION_JSON)
                .content("{\"orderId\":\"" + order + "\",\"items\":[" + String.join(",", lines) + "]}"));
    }

    private ResultActions command(String command, String order) throws Exception {
        return mvc.perform(post("/api/inventory/" + command).contentType(MediaType.APPLICATION_JSON)
                .content("{\"orderId\":\"" + order + "\"}"));
    }

    private static String line(String product, String variant, int quantity) {
        return "{\"productId\":\"" + product + "\",\"variantId\":\"" + variant + "\",\"quantity\":" + quantity + "}";
    }

    private void assertLevel(String product, String variant, int onHand, int reserved) throws Exception {
        mvc.perform(get("/api/inventory/stock/{p}/{v}", product, variant))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.onHand").value(onHand))
                .andExpect(jsonPath("$.reserved").value(reserved))
                .andExpect(jsonPath("$.available").value(onHand - reserved));
    }

    private List<String> events(String aggregateId) {
        return jdbc.queryForList("select event_type from outbox_event where event_key = ? order by seq", String.class, aggregateId);
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
