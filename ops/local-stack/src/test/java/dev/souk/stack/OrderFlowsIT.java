package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's flows A (place and confirm) and B (cancel) and their failure paths, through the gateway of the running
 * stack: the order process in the hub, the real services, Kafka between them. Each test is a customer who has just
 * registered; what only staff may do (stock, carrier updates, the engine) is done as the shop administrator.
 */
@ExtendWith(SoukStack.class)
class OrderFlowsIT {

    private static final String GATEWAY = "http://localhost:8080";
    private static final String HUB = "http://localhost:8090";
    private static final String SEED_ORDER = """
            {"userId":"%s","shippingAddress":"123 Main St","paymentMethodId":"pm_abc",
             "items":[{"productId":"prod-1","variantId":"var-1","quantity":%d}]}""";

    private static Http admin;
    private final Http http = Http.newCustomer();

    private static synchronized Http admin() {
        if (admin == null) {
            admin = Http.admin();
        }
        return admin;
    }

    private String seedOrder(int quantity) {
        return SEED_ORDER.formatted(http.userId(), quantity);
    }

    @Test
    void flowAPlacesConfirmsFulfilsAndCompletesAnOrder() {
        // given the seed's order
        int availableBefore = available();
        HttpResponse<String> placed = http.postJson(GATEWAY + "/api/orders", seedOrder(2));

        // then it is PENDING, priced from the catalog, with its stock reserved
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = Http.json(placed);
        String id = order.path("id").asText();
        assertThat(order.path("status").asText()).isEqualTo("PENDING");
        assertThat(order.path("total").decimalValue()).isPositive();
        assertThat(reservationStatus(id)).isEqualTo("RESERVED");
        assertThat(available()).isEqualTo(availableBefore - 2);

        // when confirmed with payment
        HttpResponse<String> confirmed = put(GATEWAY + "/api/orders/" + id + "/confirm?paymentMethodId=pm_abc");

        // then it is CONFIRMED and paid; stock is committed and a shipment exists
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(Http.json(confirmed).path("status").asText()).isEqualTo("CONFIRMED");
        JsonNode payments = Http.json(http.getJson(GATEWAY + "/api/payments?orderId=" + id));
        assertThat(payments.findValuesAsText("status")).contains("COMPLETED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(reservationStatus(id)).isEqualTo("COMMITTED");
            assertThat(http.getJson(GATEWAY + "/api/delivery/" + id).statusCode()).isEqualTo(200);
        });

        // when the carrier delivers
        for (String status : new String[]{"PICKED_UP", "IN_TRANSIT", "DELIVERED"}) {
            HttpResponse<String> moved = admin().send(Http.request(GATEWAY + "/api/delivery/" + id + "/status")
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\"}")).build());
            assertThat(moved.statusCode()).as(moved.body()).isIn(200, 409);
        }

        // then the order completes (delivery-events → hub → process)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(orderStatus(id)).isEqualTo("COMPLETED"));
        HttpResponse<String> lateCancel = put(GATEWAY + "/api/orders/" + id + "/cancel");
        assertThat(lateCancel.statusCode()).isEqualTo(409);
        assertThat(Http.json(lateCancel).path("code").asText()).isEqualTo("ORDER_NOT_CANCELLABLE");
    }

    @Test
    void flowBCancelBeforePaymentReleasesTheStock() {
        int availableBefore = available();
        String id = place(1);
        assertThat(available()).isEqualTo(availableBefore - 1);

        HttpResponse<String> cancelled = put(GATEWAY + "/api/orders/" + id + "/cancel");

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(Http.json(cancelled).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(reservationStatus(id)).isEqualTo("RELEASED");
        assertThat(available()).isEqualTo(availableBefore);
        assertThat(put(GATEWAY + "/api/orders/" + id + "/cancel").statusCode()).isEqualTo(200);
        assertThat(put(GATEWAY + "/api/orders/" + id + "/confirm?paymentMethodId=pm_abc").statusCode()).isEqualTo(409);
    }

    @Test
    void cancelAfterPaymentRefundsAndReleases() {
        int availableBefore = available();
        String id = place(1);
        assertThat(put(GATEWAY + "/api/orders/" + id + "/confirm?paymentMethodId=pm_abc").statusCode()).isEqualTo(200);

        HttpResponse<String> cancelled = put(GATEWAY + "/api/orders/" + id + "/cancel");

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(Http.json(cancelled).path("status").asText()).isEqualTo("CANCELLED");
        JsonNode payments = Http.json(http.getJson(GATEWAY + "/api/payments?orderId=" + id));
        assertThat(payments.findValuesAsText("status")).contains("REFUNDED");
        assertThat(reservationStatus(id)).isEqualTo("RELEASED");
        assertThat(available()).isEqualTo(availableBefore);
    }

    @Test
    void cancelAfterShipmentIsRefused() {
        String id = place(1);
        assertThat(put(GATEWAY + "/api/orders/" + id + "/confirm?paymentMethodId=pm_abc").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getJson(GATEWAY + "/api/delivery/" + id).statusCode() == 200);
        admin().send(Http.request(GATEWAY + "/api/delivery/" + id + "/status").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"PICKED_UP\"}")).build());

        HttpResponse<String> cancel = put(GATEWAY + "/api/orders/" + id + "/cancel");

        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(409);
        assertThat(Http.json(cancel).path("code").asText()).isEqualTo("ORDER_NOT_CANCELLABLE");
        assertThat(orderStatus(id)).isEqualTo("CONFIRMED");
        assertThat(Http.json(http.getJson(GATEWAY + "/api/payments?orderId=" + id)).findValuesAsText("status"))
                .doesNotContain("REFUNDED");
    }

    @Test
    void declinedPaymentLeavesTheOrderPayable() {
        String id = place(1);

        HttpResponse<String> declined = put(GATEWAY + "/api/orders/" + id + "/confirm?paymentMethodId=pm_card_declined");
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(402);
        assertThat(Http.json(declined).path("code").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(orderStatus(id)).isEqualTo("PENDING");

        HttpResponse<String> paid = put(GATEWAY + "/api/orders/" + id + "/confirm?paymentMethodId=pm_abc");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(orderStatus(id)).isEqualTo("CONFIRMED");
    }

    @Test
    void outOfStockIsAConflictNamingTheShortItemsAndHoldsNothing() {
        int availableBefore = available();

        // (placed by staff: a customer's unpaid orders are capped at 50 units, long before stock runs out)
        HttpResponse<String> refused = admin().postJson(GATEWAY + "/api/orders", seedOrder(9_999));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode problem = Http.json(refused);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(problem.path("code").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(problem.path("shortItems").get(0).path("productId").asText()).isEqualTo("prod-1");
        assertThat(available()).isEqualTo(availableBefore);
    }

    @Test
    void unknownUserOrProductAndBadInputAreRefused() {
        // an administrator may order for any user, but not for one that does not exist
        HttpResponse<String> noUser = admin().postJson(GATEWAY + "/api/orders", """
                {"userId":"nobody","shippingAddress":"1 Road","items":[{"productId":"prod-1","variantId":"var-1","quantity":1}]}""");
        assertThat(noUser.statusCode()).as(noUser.body()).isEqualTo(404);
        assertThat(Http.json(noUser).path("code").asText()).isEqualTo("USER_NOT_FOUND");

        HttpResponse<String> noProduct = http.postJson(GATEWAY + "/api/orders", """
                {"shippingAddress":"1 Road","items":[{"productId":"prod-404","variantId":"v","quantity":1}]}""");
        assertThat(noProduct.statusCode()).as(noProduct.body()).isEqualTo(422);

        for (String bad : new String[]{"{", "{}", "{\"shippingAddress\":\"x\",\"items\":[]}",
                "{\"shippingAddress\":\"x\",\"items\":[{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"quantity\":0}]}"}) {
            HttpResponse<String> refused = http.postJson(GATEWAY + "/api/orders", bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        }
        assertThat(put(GATEWAY + "/api/orders/ord-unknown/confirm?paymentMethodId=pm_abc").statusCode()).isEqualTo(404);
    }

    @Test
    void aProviderOutageBecomesAnIncidentAndARetryFromCockpitCompletesThePayment() {
        String id = place(1);
        String instance = Http.json(admin().getJson(HUB + "/engine-rest/process-instance?businessKey=" + id)).get(0).path("id").asText();
        try {
            setOutage(true);

            // the caller is not kept waiting while the engine retries
            HttpResponse<String> confirm = put(GATEWAY + "/api/orders/" + id + "/confirm?paymentMethodId=pm_abc");
            assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(202);

            // after the bounded retries the failing step is an incident that says why
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() ->
                    Http.json(admin().getJson(HUB + "/engine-rest/incident?processInstanceId=" + instance)).size() == 1);
        } finally {
            setOutage(false);
        }
        JsonNode incident = Http.json(admin().getJson(HUB + "/engine-rest/incident?processInstanceId=" + instance)).get(0);
        assertThat(incident.path("activityId").asText()).isEqualTo("Task_ChargePayment");
        assertThat(orderStatus(id)).isEqualTo("PENDING");

        // the provider is back: retry the job as Cockpit's "retry" does
        HttpResponse<String> retry = admin().send(Http.request(HUB + "/engine-rest/job/" + incident.path("configuration").asText() + "/retries")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"retries\":1}")).build());
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(orderStatus(id)).isEqualTo("CONFIRMED"));
        assertThat(Http.json(admin().getJson(HUB + "/engine-rest/incident?processInstanceId=" + instance))).isEmpty();
    }

    @Test
    void everyOrderIsAProcessInstanceInCockpitFoundByItsId() {
        String id = place(1);

        HttpResponse<String> instances = admin().getJson(HUB + "/engine-rest/process-instance?businessKey=" + id);

        assertThat(instances.statusCode()).isEqualTo(200);
        JsonNode list = Http.json(instances);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("definitionId").asText()).startsWith("Process_OrderLifecycle");
        put(GATEWAY + "/api/orders/" + id + "/cancel");
    }

    private void setOutage(boolean down) {
        HttpResponse<String> outage = admin().send(Http.request(GATEWAY + "/api/payments/simulator/outage")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"down\":" + down + "}")).build());
        assertThat(outage.statusCode()).as(outage.body()).isEqualTo(200);
    }

    private String place(int quantity) {
        HttpResponse<String> placed = http.postJson(GATEWAY + "/api/orders", seedOrder(quantity));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return Http.json(placed).path("id").asText();
    }

    private HttpResponse<String> put(String url) {
        return http.send(Http.request(url).header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    private String orderStatus(String id) {
        return Http.json(http.getJson(GATEWAY + "/api/orders/" + id)).path("status").asText();
    }

    private String reservationStatus(String orderId) {
        return Http.json(admin().getJson(GATEWAY + "/api/inventory/reservations/" + orderId)).path("status").asText();
    }

    private int available() {
        return Http.json(http.getJson(GATEWAY + "/api/inventory/stock/prod-1/var-1")).path("available").asInt();
    }
}
