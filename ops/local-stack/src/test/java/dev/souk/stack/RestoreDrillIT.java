package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The restore drill on the running stack: a customer buys and pays, the administrator backs up, the stack is stopped
 * and every database destroyed, the backup restored with {@code local-stack.jar restore} ({@link Restore}), and the
 * stack started again: the orders, their payments and the stock are exactly as they were.
 */
@ExtendWith(SoukStack.class)
class RestoreDrillIT {

    private static final String GATEWAY = Http.GATEWAY;
    private static final String ORDER = """
            {"userId":"%s","shippingAddress":"1 Restore Road","paymentMethodId":"pm_abc",
             "items":[{"productId":"prod-1","variantId":"var-1","quantity":1}]}""";

    @Test
    void ordersPaymentsAndStockAreExactlyAsBackedUpAfterTheDataIsDestroyedAndRestored() throws Exception {
        // given a customer with two paid orders and one still unpaid
        Http customer = Http.newCustomer();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> placed = customer.postJson(GATEWAY + "/api/orders", ORDER.formatted(customer.userId()));
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            orders.add(Http.json(placed).path("id").asText());
        }
        for (String id : orders.subList(0, 2)) {
            HttpResponse<String> paid = customer.send(Http.request(GATEWAY + "/api/orders/" + id + "/confirm?paymentMethodId=pm_abc")
                    .PUT(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        }
        // and the shop has settled: the paid orders' stock is sold (committed)
        Http admin = Http.admin();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                orders.subList(0, 2).stream().allMatch(id -> reservation(admin, id).path("status").asText().equals("COMMITTED")));
        Map<String, String> before = snapshot(customer, admin, orders);

        // when the administrator backs up
        HttpResponse<String> started = admin.send(Http.request(GATEWAY + "/api/backups").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String backupId = Http.json(started).path("id").asText();
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                !Http.json(admin.get(GATEWAY + "/api/backups/" + backupId)).path("status").asText().equals("RUNNING"));
        assertThat(Http.json(admin.get(GATEWAY + "/api/backups/" + backupId)).path("status").asText()).isEqualTo("SUCCEEDED");

        // and the stack is stopped, every database destroyed and the backup restored
        List<Restore.Restored> restored = new ArrayList<>();
        SoukStack.restart(dataDir -> {
            destroyEveryDatabase(dataDir);
            restored.addAll(Restore.restore(dataDir, backupId));
        });

        // then every database came back, and the shop answers exactly as before
        assertThat(restored).hasSize(14);
        assertThat(snapshot(customer, Http.admin(), orders)).isEqualTo(before);
    }

    /**
     * What the customer and the shop say about the orders: each order, its payments and its reservation, and the units
     * on hand (other tests' unpaid orders may still release what they hold, so the shelf's reserved count is not).
     */
    private static Map<String, String> snapshot(Http customer, Http admin, List<String> orders) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String id : orders) {
            JsonNode order = Http.json(customer.getJson(GATEWAY + "/api/orders/" + id));
            seen.put(id + " order", order.path("status").asText() + " " + order.path("total").decimalValue().toPlainString()
                    + " " + order.path("items"));
            JsonNode payments = Http.json(customer.getJson(GATEWAY + "/api/payments?orderId=" + id));
            seen.put(id + " payments", payments.findValuesAsText("status") + " " + payments.findValuesAsText("amount")
                    + " " + payments.findValuesAsText("id"));
            JsonNode reservation = reservation(admin, id);
            seen.put(id + " reservation", reservation.path("status").asText() + " " + reservation.path("items"));
        }
        JsonNode stock = Http.json(customer.getJson(GATEWAY + "/api/inventory/stock/prod-1/var-1"));
        seen.put("stock", stock.path("onHand").asText() + " on hand");
        return seen;
    }

    private static JsonNode reservation(Http admin, String orderId) {
        return Http.json(admin.getJson(GATEWAY + "/api/inventory/reservations/" + orderId));
    }

    private static void destroyEveryDatabase(Path dataDir) throws Exception {
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".mv.db"))
                    .filter(f -> !f.startsWith(dataDir.resolve("backups"))).toList()) {
                Files.delete(file);
            }
        }
    }
}
