package dev.souk.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.souk.hub.FakeService.Received;
import dev.souk.hub.FakeService.Reply;
import dev.souk.hub.HubTestSupport;
import dev.souk.hub.order.OrderLifecycle;

/**
 * Who may do what through the hub: the caller comes from the verified token (never from headers the client sends),
 * customers reach only their own orders, calls to services carry the hub's SERVICE token, nobody hoards stock.
 */
class HubSecurityTests extends HubTestSupport {

    private static final String ORDER_OF_A = """
            {"id":"ord-a","userId":"user-a","status":"PENDING","items":[{"productId":"prod-1","variantId":"var-1","quantity":2}]}""";
    private static final String NEW_ORDER = """
            {"userId":"%s","shippingAddress":"1 Market Street","items":[{"productId":"prod-1","variantId":"var-1","quantity":%d}]}""";

    @Autowired
    RuntimeService runtime;

    @BeforeEach
    void resetServices() {
        CART_SERVICE.reset();
        ORDER_SERVICE.reset();
        USER_SERVICE.reset();
        PRODUCT_SERVICE.reset();
        INVENTORY_SERVICE.reset();
        ORDER_SERVICE.answerJson("/api/orders/ord-a", 200, ORDER_OF_A);
    }

    @Test
    void callsToServicesCarryTheHubsServiceTokenAndTheUserOfTheVerifiedToken() throws Exception {
        CART_SERVICE.answerJson("/api/cart", 200, "{\"id\":\"cart-1\",\"version\":1,\"items\":[]}");

        // the client claims to be user-b and an admin in headers; its token says user-a
        HttpResponse<String> cart = send(HttpRequest.newBuilder(hub("/api/cart")).header("Authorization", customer("user-a"))
                .header("X-User-Id", "user-b").header("X-User-Roles", "ADMIN").GET());

        assertThat(cart.statusCode()).isEqualTo(200);
        Received call = CART_SERVICE.received().get(0);
        assertThat(call.userId()).isEqualTo("user-a");
        assertThat(call.authorization()).isEqualTo("Bearer " + HUB_SERVICE_TOKEN);
    }

    @Test
    void ordersNeedASignedInCaller() throws Exception {
        HttpResponse<String> list = get("/api/orders");
        HttpResponse<String> place = post("/api/orders", null, NEW_ORDER.formatted("user-a", 1));

        assertThat(list.statusCode()).isEqualTo(401);
        assertThat(list.body()).contains("\"code\":\"UNAUTHENTICATED\"");
        assertThat(list.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(place.statusCode()).isEqualTo(401);
        assertThat(ORDER_SERVICE.received()).isEmpty();
    }

    @Test
    void aCustomerReadsAndChangesOnlyTheirOwnOrders() throws Exception {
        assertThat(get("/api/orders/ord-a", customer("user-a")).statusCode()).isEqualTo(200);
        assertThat(get("/api/orders/ord-a", admin()).statusCode()).isEqualTo(200);

        HttpResponse<String> foreign = get("/api/orders/ord-a", customer("user-b"));
        HttpResponse<String> cancel = send(HttpRequest.newBuilder(hub("/api/orders/ord-a/cancel"))
                .header("Authorization", customer("user-b")).PUT(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> confirm = send(HttpRequest.newBuilder(hub("/api/orders/ord-a/confirm"))
                .header("Authorization", customer("user-b")).PUT(HttpRequest.BodyPublishers.noBody()));

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("\"code\":\"FORBIDDEN\"").doesNotContain("1 Market Street");
        assertThat(cancel.statusCode()).isEqualTo(403);
        assertThat(confirm.statusCode()).isEqualTo(403);
        assertThat(ORDER_SERVICE.received()).allMatch(r -> r.method().equals("GET"));
    }

    @Test
    void aCustomerCannotPlaceAnOrderForAnotherUser() throws Exception {
        long before = processes();

        HttpResponse<String> placed = post("/api/orders", customer("user-a"), NEW_ORDER.formatted("user-b", 1));

        assertThat(placed.statusCode()).isEqualTo(403);
        assertThat(placed.body()).contains("\"code\":\"FORBIDDEN\"");
        assertThat(processes()).isEqualTo(before);
    }

    @Test
    void aCustomerListsOnlyTheirOwnOrders() throws Exception {
        ORDER_SERVICE.answerJson("/api/orders?status=PENDING&userId=user-a", 200, "{\"content\":[],\"totalElements\":0}");

        HttpResponse<String> own = get("/api/orders?status=PENDING", customer("user-a"));
        HttpResponse<String> foreign = get("/api/orders?userId=user-b", customer("user-a"));

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(ORDER_SERVICE.received()).extracting(r -> r.uri().getRawQuery()).containsExactly("status=PENDING&userId=user-a");
        assertThat(foreign.statusCode()).isEqualTo(403);
    }

    @Test
    void aCustomersOrderIsHeldToTheUnpaidOrdersCapWhichOrderServiceKeeps() throws Exception {
        // given a known user and product, and order-service counting five unpaid orders of user-a already
        USER_SERVICE.answerJson("/api/users/user-a/exists", 200, "true");
        PRODUCT_SERVICE.answerJson("/api/products/prod-1", 200, """
                {"id":"prod-1","name":"Mug","currency":"USD","active":true,"variants":[{"id":"var-1","name":"Blue","price":9.50}]}""");
        ORDER_SERVICE.handle("POST", "/api/orders", request -> new Reply(409, """
                {"status":409,"code":"TOO_MANY_OPEN_ORDERS","detail":"User user-a has 5 unpaid orders.","openOrders":5,"openUnits":10}"""));

        // when the customer orders once more
        HttpResponse<String> sixth = post("/api/orders", customer("user-a"), NEW_ORDER.formatted("user-a", 1));

        // then order-service was told the customer's limits, its refusal is the answer, and nothing was reserved
        assertThat(sixth.statusCode()).as(sixth.body()).isEqualTo(409);
        assertThat(sixth.body()).contains("\"code\":\"TOO_MANY_OPEN_ORDERS\"").contains("\"openOrders\":5");
        assertThat(ORDER_SERVICE.received()).filteredOn(r -> r.method().equals("POST")).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("\"openOrderLimits\":{\"maxOpenOrders\":5,\"maxOpenUnits\":50}"));
        assertThat(INVENTORY_SERVICE.received()).noneMatch(r -> r.uri().getPath().equals("/api/inventory/reserve"));
    }

    @Test
    void staffOrdersAreNotCapped() throws Exception {
        USER_SERVICE.answerJson("/api/users/user-a/exists", 200, "true");
        PRODUCT_SERVICE.answerJson("/api/products/prod-1", 200, """
                {"id":"prod-1","name":"Mug","currency":"USD","active":true,"variants":[{"id":"var-1","name":"Blue","price":9.50}]}""");
        ORDER_SERVICE.handle("POST", "/api/orders", request -> new Reply(503, "{\"status\":503,\"code\":\"SERVICE_UNAVAILABLE\"}"));

        post("/api/orders", admin(), NEW_ORDER.formatted("user-a", 1));

        assertThat(ORDER_SERVICE.received()).filteredOn(r -> r.method().equals("POST")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.body()).contains("\"openOrderLimits\":null"));
    }

    @Test
    void checkoutAndDeadLetterReplayNeedTheRightCaller() throws Exception {
        assertThat(post("/api/cart/checkout", null, "{\"shippingAddress\":\"x\"}").statusCode()).isEqualTo(401);
        HttpResponse<String> replay = post("/api/hub/dead-letters/delivery-events/replay", customer("user-a"), "{}");
        assertThat(replay.statusCode()).isEqualTo(403);
        assertThat(replay.body()).contains("\"code\":\"FORBIDDEN\"");
    }

    private long processes() {
        return runtime.createProcessInstanceQuery().processDefinitionKey(OrderLifecycle.PROCESS).count();
    }

    private HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
