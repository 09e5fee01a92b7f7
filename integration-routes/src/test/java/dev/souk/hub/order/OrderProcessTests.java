package dev.souk.hub.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.ProducerTemplate;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.souk.hub.FakeService;
import dev.souk.hub.FakeService.Received;
import dev.souk.hub.FakeService.Reply;
import dev.souk.hub.HubTestSupport;

/**
 * {@code Process_OrderLifecycle} as the hub runs it: the real model, the real {@code camelStep} bridge and the real
 * step routes, driven through the order API and the delivery route, against services played by HTTP servers that keep
 * just enough state (order-service keeps its orders, payment-service declines or is down on request). Every path of
 * the model: placed and completed, out of stock, declined then paid, a provider outage that becomes an incident and is
 * retried, cancelled before and after payment, refused after shipment, and the payment window running out.
 */
class OrderProcessTests extends HubTestSupport {

    private static final String PRODUCT = """
            {"id":"prod-1","name":"Mug","currency":"USD","active":true,"variants":[{"id":"var-1","name":"Blue","price":9.50}]}""";
    private static final String ORDER = """
            {"shippingAddress":"1 Market Street","paymentMethodId":"pm_abc","items":[{"productId":"prod-1","variantId":"var-1","quantity":%d}]}""";

    private final ObjectMapper json = new ObjectMapper();
    /** order-service's orders, by id */
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    private volatile boolean providerDown;
    private volatile boolean shipped;
    private volatile int stock;

    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    ProducerTemplate producer;

    @BeforeEach
    void playTheServices() {
        List.of(USER_SERVICE, PRODUCT_SERVICE, ORDER_SERVICE, INVENTORY_SERVICE, PAYMENT_SERVICE, DELIVERY_SERVICE)
                .forEach(service -> service.reset());
        stock = 10;
        providerDown = false;
        shipped = false;
        USER_SERVICE.answerJson("/api/users/user-123/exists", 200, "true");
        PRODUCT_SERVICE.answerJson("/api/products/prod-1", 200, PRODUCT);

        ORDER_SERVICE.handle("POST", "/api/orders", request -> {
            JsonNode placed = read(request.body());
            ObjectNode order = json.createObjectNode().put("id", placed.path("orderId").asText())
                    .put("userId", placed.path("userId").asText()).put("status", "PENDING").put("total", 19.00);
            order.set("items", placed.path("items"));
            return orders.putIfAbsent(order.path("id").asText(), order) == null
                    ? new Reply(201, order.toString()) : new Reply(200, orders.get(order.path("id").asText()).toString());
        });
        ORDER_SERVICE.handle("GET", "/api/orders/*", request -> orderAnswer(request, null));
        ORDER_SERVICE.handle("POST", "/api/orders/*/confirm", request -> orderAnswer(request, "CONFIRMED"));
        ORDER_SERVICE.handle("POST", "/api/orders/*/cancel", request -> orderAnswer(request, "CANCELLED"));
        ORDER_SERVICE.handle("POST", "/api/orders/*/complete", request -> orderAnswer(request, "COMPLETED"));

        INVENTORY_SERVICE.handle("POST", "/api/inventory/reserve", request -> {
            int wanted = read(request.body()).path("items").get(0).path("quantity").asInt();
            return wanted <= stock ? new Reply(200, "{\"status\":\"RESERVED\"}") : new Reply(409, """
                    {"status":409,"code":"OUT_OF_STOCK","detail":"Not enough stock.",
                     "shortItems":[{"productId":"prod-1","variantId":"var-1","requested":%d,"available":%d}]}"""
                    .formatted(wanted, stock));
        });
        INVENTORY_SERVICE.handle("POST", "/api/inventory/commit", request -> new Reply(200, "{\"status\":\"COMMITTED\"}"));
        INVENTORY_SERVICE.handle("POST", "/api/inventory/release", request -> new Reply(200, "{\"status\":\"RELEASED\"}"));

        PAYMENT_SERVICE.handle("POST", "/api/payments", request -> {
            String method = read(request.body()).path("paymentMethodId").asText();
            if (providerDown) {
                return new Reply(503, "{\"status\":503,\"code\":\"PAYMENT_PROVIDER_UNAVAILABLE\"}");
            }
            return method.equals("pm_card_declined")
                    ? new Reply(402, "{\"status\":402,\"code\":\"PAYMENT_DECLINED\",\"detail\":\"The card was declined.\","
                            + "\"paymentId\":\"pay-declined\",\"declineReason\":\"card_declined\"}")
                    : new Reply(201, "{\"id\":\"pay-1\",\"status\":\"COMPLETED\"}");
        });
        PAYMENT_SERVICE.handle("POST", "/api/payments/refund", request -> new Reply(200, "{\"id\":\"pay-1\",\"status\":\"REFUNDED\"}"));

        DELIVERY_SERVICE.handle("POST", "/api/delivery/shipments", request -> new Reply(201, "{\"status\":\"CREATED\"}"));
        DELIVERY_SERVICE.handle("POST", "/api/delivery/*/cancel", request -> shipped
                ? new Reply(409, "{\"status\":409,\"code\":\"SHIPMENT_ALREADY_SHIPPED\"}")
                : new Reply(200, "{\"status\":\"CANCELLED\"}"));
    }

    @Test
    void anOrderIsPlacedPaidFulfilledAndCompletedByItsDelivery() throws Exception {
        // when a customer orders and pays
        HttpResponse<String> placed = place(2);
        String id = json.readTree(placed.body()).path("id").asText();
        HttpResponse<String> paid = put("/api/orders/" + id + "/confirm?paymentMethodId=pm_abc");

        // then the order was created PENDING with its stock reserved, then confirmed, with the catalog's prices
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(placed.headers().firstValue("Location")).hasValue("/api/orders/" + id);
        assertThat(json.readTree(placed.body()).path("status").asText()).isEqualTo("PENDING");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(json.readTree(paid.body()).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(bodyOf(ORDER_SERVICE, "POST", "/api/orders")).contains("\"unitPrice\":9.5").contains("\"currency\":\"USD\"");
        // and it is fulfilled: stock committed, shipment created, waiting for the delivery
        await().atMost(Duration.ofSeconds(10)).until(() -> waitsAt(id, "Gateway_AwaitDelivery"));
        assertThat(paths(INVENTORY_SERVICE)).contains("/api/inventory/reserve", "/api/inventory/commit");
        assertThat(paths(DELIVERY_SERVICE)).contains("/api/delivery/shipments");

        // when the shipment is delivered
        producer.sendBody("direct:shipment-delivered", json.readTree(
                "{\"type\":\"ShipmentStatusChanged\",\"payload\":{\"orderId\":\"" + id + "\",\"status\":\"DELIVERED\"}}"));

        // then the order completes
        await().atMost(Duration.ofSeconds(10)).until(() -> processOf(id) == null);
        assertThat(orders.get(id).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(passed(id)).contains("Task_ValidateUser", "Task_PriceItems", "Task_CreateOrder", "Task_ReserveStock",
                "Gateway_AwaitPayment", "Task_ChargePayment", "Task_ConfirmOrder", "Event_OrderConfirmed",
                "Task_FulfilOrder", "Gateway_AwaitDelivery", "Task_CompleteOrder", "End_OrderCompleted");
    }

    @Test
    void whatStockCannotBackIsRefusedAndTheOrderCancelled() throws Exception {
        HttpResponse<String> refused = place(11);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.path("code").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(problem.path("shortItems").get(0).path("available").asInt()).isEqualTo(10);
        String id = orders.keySet().iterator().next();
        assertThat(orders.get(id).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(bodyOf(ORDER_SERVICE, "POST", "/api/orders/" + id + "/cancel")).contains("out of stock");
        assertThat(passed(id)).contains("Task_CancelOutOfStockOrder", "End_OutOfStock");
    }

    @Test
    void aDeclinedPaymentLeavesTheOrderPayableAndAnotherMethodPaysIt() throws Exception {
        String id = placedOrder();

        HttpResponse<String> declined = put("/api/orders/" + id + "/confirm?paymentMethodId=pm_card_declined");
        HttpResponse<String> paid = put("/api/orders/" + id + "/confirm?paymentMethodId=pm_abc");

        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(402);
        assertThat(json.readTree(declined.body()).path("code").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(json.readTree(declined.body()).path("declineReason").asText()).isEqualTo("card_declined");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(orders.get(id).path("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void parallelConfirmsOfOneOrderAreEachAnsweredAndChargeOnce() throws Exception {
        ExecutorService customers = Executors.newFixedThreadPool(6);
        try {
            for (int order = 0; order < 12; order++) {
                String id = placedOrder();

                // when one customer's six tabs confirm the same order at once
                List<Future<HttpResponse<String>>> confirms = new ArrayList<>();
                for (int tab = 0; tab < 6; tab++) {
                    confirms.add(customers.submit(() -> put("/api/orders/" + id + "/confirm?paymentMethodId=pm_abc")));
                }

                // then each is told the order is confirmed, or to retry in a moment — never an error — and it is paid once
                for (Future<HttpResponse<String>> confirm : confirms) {
                    HttpResponse<String> answer = confirm.get(60, TimeUnit.SECONDS);
                    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 409);
                }
                long charges = PAYMENT_SERVICE.received().stream()
                        .filter(r -> r.method().equals("POST") && r.uri().getPath().equals("/api/payments"))
                        .filter(r -> read(r.body()).path("orderId").asText().equals(id)).count();
                assertThat(charges).as(id).isEqualTo(1);
            }
        } finally {
            customers.shutdownNow();
        }
    }

    @Test
    void aConfirmRacingFourCancelsOfOneOrderIsAnsweredAndTheOrderEndsCancelled() throws Exception {
        ExecutorService customers = Executors.newFixedThreadPool(5);
        try {
            for (int order = 0; order < 6; order++) {
                String id = placedOrder();

                // when one tab pays while four others cancel the same order
                List<Future<HttpResponse<String>>> commands = new ArrayList<>();
                commands.add(customers.submit(() -> put("/api/orders/" + id + "/confirm?paymentMethodId=pm_abc")));
                for (int tab = 0; tab < 4; tab++) {
                    commands.add(customers.submit(() -> put("/api/orders/" + id + "/cancel")));
                }

                // then every command is answered with the order or a refusal, never an error
                for (Future<HttpResponse<String>> command : commands) {
                    HttpResponse<String> answer = command.get(60, TimeUnit.SECONDS);
                    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 409);
                }
                // and the order ends cancelled, its stock released, refunded exactly when it was charged
                await().atMost(Duration.ofSeconds(20)).until(() -> processOf(id) == null);
                assertThat(orders.get(id).path("status").asText()).isEqualTo("CANCELLED");
                assertThat(requestsFor(INVENTORY_SERVICE, "/api/inventory/release", id)).isEqualTo(1);
                assertThat(requestsFor(PAYMENT_SERVICE, "/api/payments/refund", id))
                        .isEqualTo(requestsFor(PAYMENT_SERVICE, "/api/payments", id)).isLessThanOrEqualTo(1);
            }
        } finally {
            customers.shutdownNow();
        }
    }

    private long requestsFor(dev.souk.hub.FakeService service, String path, String orderId) {
        return service.received().stream()
                .filter(r -> r.method().equals("POST") && r.uri().getPath().equals(path))
                .filter(r -> read(r.body()).path("orderId").asText().equals(orderId)).count();
    }

    @Test
    void aProviderOutageBecomesAnIncidentAndARetryPaysTheOrder() throws Exception {
        String id = placedOrder();
        providerDown = true;

        // the caller is not kept waiting while the engine retries
        HttpResponse<String> pending = put("/api/orders/" + id + "/confirm?paymentMethodId=pm_abc");
        assertThat(pending.statusCode()).as(pending.body()).isEqualTo(202);
        assertThat(json.readTree(pending.body()).path("status").asText()).isEqualTo("PAYMENT_PENDING");

        // after the bounded retries the failing step is an incident where the order stands
        await().atMost(Duration.ofSeconds(30)).until(() -> incidentOf(id) != null);
        assertThat(incidentOf(id).getActivityId()).isEqualTo("Task_ChargePayment");
        assertThat(orders.get(id).path("status").asText()).isEqualTo("PENDING");

        // the provider is back; an operator retries the job (as Cockpit does) and the order is paid
        providerDown = false;
        management.setJobRetries(incidentOf(id).getConfiguration(), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CONFIRMED".equals(orders.get(id).path("status").asText()));
        assertThat(incidentOf(id)).isNull();
    }

    @Test
    void cancellingBeforePaymentReleasesTheStock() throws Exception {
        String id = placedOrder();

        HttpResponse<String> cancelled = put("/api/orders/" + id + "/cancel?reason=changed%20my%20mind");

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(json.readTree(cancelled.body()).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(paths(INVENTORY_SERVICE)).contains("/api/inventory/release");
        assertThat(paths(PAYMENT_SERVICE)).doesNotContain("/api/payments/refund");
        assertThat(bodyOf(ORDER_SERVICE, "POST", "/api/orders/" + id + "/cancel")).contains("changed my mind");
        assertThat(processOf(id)).isNull();
    }

    @Test
    void cancellingAfterPaymentRefundsAndReleases() throws Exception {
        String id = paidOrder();

        HttpResponse<String> cancelled = put("/api/orders/" + id + "/cancel");

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(paths(DELIVERY_SERVICE)).contains("/api/delivery/" + id + "/cancel");
        assertThat(paths(PAYMENT_SERVICE)).contains("/api/payments/refund");
        assertThat(paths(INVENTORY_SERVICE)).contains("/api/inventory/release");
        assertThat(passed(id)).contains("Task_CancelShipment", "Task_RefundPayment", "Task_ReleaseStock",
                "Task_CancelOrder", "End_OrderCancelled");
    }

    @Test
    void aShippedOrderCannotBeCancelledAndStillCompletes() throws Exception {
        String id = paidOrder();
        shipped = true;

        HttpResponse<String> refused = put("/api/orders/" + id + "/cancel");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json.readTree(refused.body()).path("code").asText()).isEqualTo("ORDER_NOT_CANCELLABLE");
        assertThat(paths(PAYMENT_SERVICE)).doesNotContain("/api/payments/refund");
        assertThat(waitsAt(id, "Gateway_AwaitDelivery")).isTrue();
        assertThat(orders.get(id).path("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void whenThePaymentWindowClosesTheStockIsReleasedAndTheOrderCancelled() throws Exception {
        String id = placedOrder();

        Job timer = management.createJobQuery().processInstanceId(processOf(id).getId()).timers().singleResult();
        management.executeJob(timer.getId());

        await().atMost(Duration.ofSeconds(10)).until(() -> processOf(id) == null);
        assertThat(orders.get(id).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(bodyOf(ORDER_SERVICE, "POST", "/api/orders/" + id + "/cancel")).contains("payment window expired");
        assertThat(paths(INVENTORY_SERVICE)).contains("/api/inventory/release");
        assertThat(passed(id)).contains("Event_PaymentWindowExpired", "Task_ReleaseStock", "End_OrderCancelled");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private String placedOrder() throws Exception {
        HttpResponse<String> placed = place(1);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return json.readTree(placed.body()).path("id").asText();
    }

    private String paidOrder() throws Exception {
        String id = placedOrder();
        HttpResponse<String> paid = put("/api/orders/" + id + "/confirm?paymentMethodId=pm_abc");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> waitsAt(id, "Gateway_AwaitDelivery"));
        return id;
    }

    private HttpResponse<String> place(int quantity) throws Exception {
        return http.send(HttpRequest.newBuilder(hub("/api/orders")).timeout(Duration.ofSeconds(30))
                .header("Authorization", customer("user-123")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER.formatted(quantity))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(hub(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", customer("user-123")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Reply orderAnswer(Received request, String newStatus) {
        String id = request.uri().getPath().split("/")[3];
        ObjectNode order = orders.get(id);
        if (order == null) {
            return new Reply(404, "{\"status\":404,\"code\":\"ORDER_NOT_FOUND\"}");
        }
        if (newStatus != null) {
            order.put("status", newStatus);
        }
        return new Reply(200, order.toString());
    }

    private ProcessInstance processOf(String orderId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult();
    }

    private boolean waitsAt(String orderId, String activityId) {
        ProcessInstance process = processOf(orderId);
        return process != null && runtime.getActiveActivityIds(process.getId()).contains(activityId);
    }

    private Incident incidentOf(String orderId) {
        return runtime.createIncidentQuery().processInstanceId(processOf(orderId).getId()).singleResult();
    }

    private List<String> passed(String orderId) {
        String processInstanceId = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId)
                .singleResult().getId();
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc().list().stream()
                .map(activity -> activity.getActivityId()).toList();
    }

    private static List<String> paths(FakeService service) {
        return service.received().stream().map(r -> r.uri().getPath()).toList();
    }

    private static String bodyOf(FakeService service, String method, String path) {
        return service.received().stream().filter(r -> r.method().equals(method) && r.uri().getPath().equals(path))
                .map(Received::body).findFirst().orElseThrow(() -> new AssertionError("no " + method + " " + path));
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
