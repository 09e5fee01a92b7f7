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
import dev.souk.hub.HubTestSupport;
import dev.souk.hub.order.OrderCommands;

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
    void nobodyHoardsStockWithUnpaidOrders() throws Exception {
        long before = processes();
        String open = "/api/orders?userId=user-a&status=PENDING&size=100";

        // five unpaid orders already: a sixth is refused
        ORDER_SERVICE.answerJson(open, 200, "{\"content\":[" + String.join(",", java.util.Collections.nCopies(5, ORDER_OF_A))
                + "],\"totalElements\":5}");
        HttpResponse<String> sixth = post("/api/orders", customer("user-a"), NEW_ORDER.formatted("user-a", 1));

        // one unpaid order of 2 units: 49 more would pass the 50 units allowed
        ORDER_SERVICE.answerJson(open, 200, "{\"content\":[" + ORDER_OF_A + "],\"totalElements\":1}");
        HttpResponse<String> tooMany = post("/api/orders", customer("user-a"), NEW_ORDER.formatted("user-a", 49));

        assertThat(sixth.statusCode()).isEqualTo(409);
        assertThat(sixth.body()).contains("\"code\":\"TOO_MANY_OPEN_ORDERS\"").contains("\"openOrders\":5");
        assertThat(tooMany.statusCode()).isEqualTo(409);
        assertThat(tooMany.body()).contains("\"openUnits\":2");
        assertThat(processes()).isEqualTo(before);
    }

    @Test
    void checkoutAndDeadLetterReplayNeedTheRightCaller() throws Exception {
        assertThat(post("/api/cart/checkout", null, "{\"shippingAddress\":\"x\"}").statusCode()).isEqualTo(401);
        HttpResponse<String> replay = post("/api/hub/dead-letters/delivery-events/replay", customer("user-a"), "{}");
        assertThat(replay.statusCode()).isEqualTo(403);
        assertThat(replay.body()).contains("\"code\":\"FORBIDDEN\"");
    }

    private long processes() {
        return runtime.createProcessInstanceQuery().processDefinitionKey(OrderCommands.PROCESS).count();
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
