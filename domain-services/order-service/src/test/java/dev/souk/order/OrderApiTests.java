package dev.souk.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SoukServiceTest
class OrderApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @Test
    void placingAnOrderStoresItPendingWithTheTotalComputedFromItsItems() throws Exception {
        String order = newId("ord");

        // a total sent by the caller is ignored
        place(order, "user-123", "\"total\":1.00,", item("prod-1", "var-1", 10.5, 2), item("prod-2", "var-9", 3, 1))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", endsWith("/api/orders/" + order)))
                .andExpect(jsonPath("$.id").value(order))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.currency").value("USD"))
                .andExpect(jsonPath("$.total").value(24.0))
                .andExpect(jsonPath("$.items[0].lineTotal").value(21.0))
                .andExpect(jsonPath("$.items[1].lineTotal").value(3.0))
                .andExpect(jsonPath("$.history.length()").value(1))
                .andExpect(jsonPath("$.history[0].to").value("PENDING"))
                .andExpect(jsonPath("$.history[0].reason").value("Order placed"));

        mvc.perform(get("/api/orders/{id}", order))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value("user-123"))
                .andExpect(jsonPath("$.shippingAddress").value("1 Market Street"))
                .andExpect(jsonPath("$.paymentMethodId").value("pm_abc"))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].name").value("Item prod-1/var-1"))
                .andExpect(jsonPath("$.items[0].unitPrice").value(10.5))
                .andExpect(jsonPath("$.items[0].quantity").value(2))
                .andExpect(jsonPath("$.total").value(24.0));

        assertThat(events(order)).containsExactly("OrderCreated");
        JsonNode created = payload(order, "OrderCreated");
        assertThat(created.at("/payload/total").decimalValue()).isEqualByComparingTo("24.00");
        assertThat(created.at("/payload/items").size()).isEqualTo(2);
        assertThat(created.at("/aggregateId").asText()).isEqualTo(order);
        assertThat(jdbc.queryForObject("select topic from outbox_event where event_key = ?", String.class, order))
                .isEqualTo("order-created");
    }

    @Test
    void placingTheSameOrderAgainAnswersTheExistingOneAndOtherContentIsAConflict() throws Exception {
        String order = newId("ord");
        String createdAt = json.readTree(place(order, "user-123", "", item("prod-1", "var-1", 10.5, 2))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("createdAt").asText();

        // 10.50 is the same price as 10.5
        place(order, "user-123", "\"currency\":\"USD\",", item("prod-1", "var-1", "10.50", 2))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.createdAt").value(createdAt))
                .andExpect(jsonPath("$.status").value("PENDING"));

        place(order, "user-123", "", item("prod-1", "var-1", 10.5, 3))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("ORDER_EXISTS"));
        place(order, "someone-else", "", item("prod-1", "var-1", 10.5, 2))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ORDER_EXISTS"));
        place(order, "user-123", "\"currency\":\"EUR\",", item("prod-1", "var-1", 10.5, 2))
                .andExpect(status().isConflict());

        assertThat(events(order)).containsExactly("OrderCreated");
        assertThat(jdbc.queryForObject("select count(*) from order_item where order_id = ?", Integer.class, order)).isEqualTo(1);
    }

    @Test
    void aPaidOrderIsConfirmedOnceAndThenCompleted() throws Exception {
        String order = placed();

        command(order, "confirm", "{\"paymentId\":\"pay-1\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.paymentId").value("pay-1"))
                .andExpect(jsonPath("$.history[1].from").value("PENDING"))
                .andExpect(jsonPath("$.history[1].to").value("CONFIRMED"))
                .andExpect(jsonPath("$.history[1].reason").value("Payment pay-1 completed"));
        command(order, "confirm", "{\"paymentId\":\"pay-1\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.history.length()").value(2));
        command(order, "confirm", "{\"paymentId\":\"pay-2\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ORDER_NOT_PENDING"));

        command(order, "complete", "{\"reason\":\"Delivered\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.history[2].reason").value("Delivered"));
        command(order, "complete", null).andExpect(status().isOk()).andExpect(jsonPath("$.history.length()").value(3));

        command(order, "cancel", "{\"reason\":\"too late\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ORDER_NOT_CANCELLABLE"));
        command(order, "confirm", "{\"paymentId\":\"pay-1\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ORDER_NOT_PENDING"));

        mvc.perform(get("/api/orders/{id}", order))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.history[*].to", contains("PENDING", "CONFIRMED", "COMPLETED")));
        assertThat(events(order)).containsExactly("OrderCreated", "OrderConfirmed", "OrderCompleted");
        assertThat(payload(order, "OrderConfirmed").at("/payload/paymentId").asText()).isEqualTo("pay-1");
        assertThat(jdbc.queryForList("select topic from outbox_event where event_key = ? order by seq", String.class, order))
                .containsExactly("order-created", "order-confirmed", "order-completed");
    }

    @Test
    void completingWithoutABodyRecordsADefaultReason() throws Exception {
        String order = placed();
        command(order, "confirm", "{\"paymentId\":\"pay-1\"}").andExpect(status().isOk());

        command(order, "complete", null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.history[2].reason").value("Order completed"));
    }

    @Test
    void aPendingOrderIsCancelledOnceAndStaysCancelled() throws Exception {
        String order = placed();

        command(order, "cancel", "{\"reason\":\"Payment window expired\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.history[1].from").value("PENDING"))
                .andExpect(jsonPath("$.history[1].reason").value("Payment window expired"));
        command(order, "cancel", "{\"reason\":\"again\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.history.length()").value(2));

        command(order, "confirm", "{\"paymentId\":\"pay-1\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ORDER_NOT_PENDING"));
        command(order, "complete", "{}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ORDER_NOT_CONFIRMED"));

        assertThat(events(order)).containsExactly("OrderCreated", "OrderCancelled");
        JsonNode cancelled = payload(order, "OrderCancelled");
        assertThat(cancelled.at("/payload/previousStatus").asText()).isEqualTo("PENDING");
        assertThat(cancelled.at("/payload/reason").asText()).isEqualTo("Payment window expired");
    }

    @Test
    void cancellingAConfirmedOrderTellsConsumersMoneyWasTaken() throws Exception {
        String order = placed();
        command(order, "confirm", "{\"paymentId\":\"pay-1\"}").andExpect(status().isOk());

        command(order, "cancel", "{\"reason\":\"Customer request\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.paymentId").value("pay-1"));

        assertThat(events(order)).containsExactly("OrderCreated", "OrderConfirmed", "OrderCancelled");
        assertThat(payload(order, "OrderCancelled").at("/payload/previousStatus").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void onlyAConfirmedOrderCanBeCompleted() throws Exception {
        String order = placed();
        command(order, "complete", "{}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ORDER_NOT_CONFIRMED"))
                .andExpect(jsonPath("$.status").value("PENDING"));
        assertThat(events(order)).containsExactly("OrderCreated");
    }

    @Test
    void unknownOrdersAreNotFound() throws Exception {
        mvc.perform(get("/api/orders/{id}", "no-such-order"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("ORDER_NOT_FOUND"));
        command("no-such-order", "confirm", "{\"paymentId\":\"pay-1\"}").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("ORDER_NOT_FOUND"));
        command("no-such-order", "cancel", "{\"reason\":\"x\"}").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("ORDER_NOT_FOUND"));
        command("no-such-order", "complete", "{}").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("ORDER_NOT_FOUND"));
        assertThat(events("no-such-order")).isEmpty();
    }

    @Test
    void ordersAreListedNewestFirstByUserAndStatus() throws Exception {
        String user = newId("user");
        String first = placed(user);
        String second = placed(user);
        String third = placed(user);
        placed(newId("other"));
        command(second, "confirm", "{\"paymentId\":\"pay-2\"}").andExpect(status().isOk());

        mvc.perform(get("/api/orders").param("userId", user))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.content[*].id", contains(third, second, first)))
                .andExpect(jsonPath("$.content[0].items.length()").value(1))
                .andExpect(jsonPath("$.content[0].history.length()").value(1));
        mvc.perform(get("/api/orders").param("userId", user).param("status", "PENDING"))
                .andExpect(jsonPath("$.content[*].id", contains(third, first)));
        mvc.perform(get("/api/orders").param("userId", user).param("page", "1").param("size", "2"))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.content[*].id", contains(first)));
        mvc.perform(get("/api/orders").param("status", "CONFIRMED"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[?(@.id == '" + second + "')]").exists())
                .andExpect(jsonPath("$.content[?(@.status != 'CONFIRMED')]").isEmpty());
        mvc.perform(get("/api/orders"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(org.hamcrest.Matchers.greaterThanOrEqualTo(4)));
    }

    @Test
    void badInputOnEveryEndpointIsRefusedAndChangesNothing() throws Exception {
        String order = placed();
        String good = item("prod-1", "var-1", 1, 1);
        Map<String, Object> before = snapshot();

        List<String> badPlacements = new ArrayList<>(List.of(
                body(newId("ord"), "user-123", "1 Market Street", ""),
                body(newId("ord"), "user-123", "1 Market Street", "", tooManyItems()),
                body(newId("ord"), "user-123", "1 Market Street", "", item("prod-1", "var-1", 1, 0)),
                body(newId("ord"), "user-123", "1 Market Street", "", item("prod-1", "var-1", 1, 10_001)),
                body(newId("ord"), "user-123", "1 Market Street", "", item("prod-1", "var-1", -1, 1)),
                body(newId("ord"), "user-123", "1 Market Street", "", item("prod-1", "var-1", "1.005", 1)),
                body(newId("ord"), "user-123", "1 Market Street", "",
                        "{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"name\":\"x\",\"quantity\":1}"),
                body(newId("ord"), "user-123", "1 Market Street", "", "{\"productId\":\"prod-1\",\"name\":\"x\",\"unitPrice\":1,\"quantity\":1}"),
                body(newId("ord"), "user-123", "1 Market Street", "", "{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"unitPrice\":1,\"quantity\":1}"),
                body(newId("ord"), "user-123", "1 Market Street", "", "null"),
                body(newId("ord"), "user-123", "  ", "", good),
                body(newId("ord"), "user-123", "x".repeat(501), "", good),
                body(newId("ord"), "", "1 Market Street", "", good),
                body(newId("ord"), "bad user", "1 Market Street", "", good),
                body("bad id!", "user-123", "1 Market Street", "", good),
                body(newId("ord"), "user-123", "1 Market Street", "\"currency\":\"usd\",", good),
                body(newId("ord"), "user-123", "1 Market Street", "\"paymentMethodId\":\"pm abc\",", good),
                "{\"userId\":\"user-123\",\"shippingAddress\":\"1 Market Street\",\"items\":[" + good + "]}"));
        for (String bad : badPlacements) {
            mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(bad))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }

        String[][] badCommands = {
                {"confirm", "{}"},
                {"confirm", "{\"paymentId\":\"\"}"},
                {"confirm", "{\"paymentId\":\"pay 1\"}"},
                {"cancel", "{}"},
                {"cancel", "{\"reason\":\" \"}"},
                {"cancel", "{\"reason\":\"" + "x".repeat(501) + "\"}"},
                {"complete", "{\"reason\":\"" + "x".repeat(501) + "\"}"},
        };
        for (String[] call : badCommands) {
            command(order, call[0], call[1])
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
        for (String command : List.of("confirm", "cancel", "complete")) {
            command(order, command, "{\"reason\":")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
            command("bad id!", command, "{\"paymentId\":\"pay-1\",\"reason\":\"r\"}")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
        command(order, "confirm", null).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        command(order, "cancel", null).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content("{\"orderId\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                        .content(body(newId("ord"), "user-123", "1 Market Street", "", "{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"name\":\"x\",\"unitPrice\":\"cheap\",\"quantity\":1}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_JSON"));

        mvc.perform(get("/api/orders/{id}", "bad id!"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        for (String[] query : new String[][]{{"status", "SHIPPED"}, {"status", "pending"}, {"userId", "bad user"},
                {"size", "0"}, {"size", "101"}, {"page", "-1"}, {"page", "x"}}) {
            mvc.perform(get("/api/orders").param(query[0], query[1]))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }

        assertThat(snapshot()).isEqualTo(before);
        mvc.perform(get("/api/orders/{id}", order))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.history.length()").value(1));
    }

    @Test
    void everyEndpointIsDocumented() throws Exception {
        mvc.perform(get("/api/orders/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/orders'].post.summary").exists())
                .andExpect(jsonPath("$.paths['/api/orders'].get.summary").exists())
                .andExpect(jsonPath("$.paths['/api/orders/{id}'].get.summary").exists())
                .andExpect(jsonPath("$.paths['/api/orders/{id}/confirm'].post.responses['409']").exists())
                .andExpect(jsonPath("$.paths['/api/orders/{id}/cancel'].post.summary").exists())
                .andExpect(jsonPath("$.paths['/api/orders/{id}/complete'].post.summary").exists());
    }

    private Map<String, Object> snapshot() {
        return jdbc.queryForMap("select (select count(*) from orders) o, (select count(*) from order_item) i, "
                + "(select count(*) from order_status_change) h, (select count(*) from outbox_event) e, "
                + "(select max(version) from orders) v");
    }

    private String placed() throws Exception {
        return placed("user-123");
    }

    private String placed(String user) throws Exception {
        String order = newId("ord");
        place(order, user, "", item("prod-1", "var-1", 19.99, 1)).andExpect(status().isCreated());
        return order;
    }

    private ResultActions place(String order, String user, String extra, String... items) throws Exception {
        return mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content(body(order, user, "1 Market Street", "\"paymentMethodId\":\"pm_abc\"," + extra, items)));
    }

    private static String body(String order, String user, String address, String extra, String... items) {
        return "{\"orderId\":\"" + order + "\",\"userId\":\"" + user + "\",\"shippingAddress\":\"" + address + "\","
                + extra + "\"items\":[" + String.join(",", items) + "]}";
    }

    private ResultActions command(String order, String command, String body) throws Exception {
        var request = post("/api/orders/{id}/" + command, order);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }

    private static String item(String product, String variant, Object price, int quantity) {
        return "{\"productId\":\"" + product + "\",\"variantId\":\"" + variant + "\",\"name\":\"Item " + product + "/" + variant
                + "\",\"unitPrice\":" + price + ",\"quantity\":" + quantity + "}";
    }

    private static String[] tooManyItems() {
        String[] items = new String[101];
        for (int i = 0; i < items.length; i++) {
            items[i] = item("prod-" + i, "var-1", 1, 1);
        }
        return items;
    }

    private List<String> events(String order) {
        return jdbc.queryForList("select event_type from outbox_event where event_key = ? order by seq", String.class, order);
    }

    private JsonNode payload(String order, String type) throws Exception {
        return json.readTree(jdbc.queryForObject("select payload from outbox_event where event_key = ? and event_type = ?",
                String.class, order, type));
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
