package dev.souk.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import dev.souk.hub.FakeService.Received;
import dev.souk.hub.HubTestSupport;
import dev.souk.hub.errors.ProblemResponses;
import dev.souk.hub.order.OrderLifecycle;

/**
 * The hub's routes as an attacker tries them: the caller's id and roles, and the guest cart, named in query
 * parameters, form fields and headers of every spelling, change nothing — who is asking comes from the verified
 * token only. One test per route family; a route added later is covered by the last test's rule.
 */
class CallerSpoofingTests extends HubTestSupport {

    private static final String ORDER_OF_B = """
            {"id":"ord-b","userId":"user-b","status":"PENDING","items":[{"productId":"prod-1","variantId":"var-1","quantity":1}]}""";
    private static final String ORDER_FOR_B = """
            {"userId":"user-b","shippingAddress":"1 Attacker Road","items":[{"productId":"prod-1","variantId":"var-1","quantity":1}]}""";

    /** Query parameter spellings of "I am an administrator". */
    private static final List<String> ADMIN_CLAIMS = List.of("X-User-Roles=ADMIN", "x-user-roles=admin",
            "X-USER-ROLES=ADMIN", "X%2DUser%2DRoles=ADMIN", "X-User-Roles=ADMIN,SERVICE", "X-User-Roles=ROLE_ADMIN",
            "X-User-Id=user-b&X-User-Roles=ADMIN");

    @Autowired
    RuntimeService runtime;
    @Autowired
    CamelContext camel;

    @BeforeEach
    void resetServices() {
        ORDER_SERVICE.reset();
        CART_SERVICE.reset();
        PRODUCT_SERVICE.reset();
        ORDER_SERVICE.answerJson("/api/orders/ord-b", 200, ORDER_OF_B);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-User-Roles=ADMIN", "x-user-roles=admin", "X-USER-ROLES=ADMIN", "X%2DUser%2DRoles=ADMIN",
            "X-User-Roles=ADMIN,SERVICE", "X-User-Id=user-b&X-User-Roles=ADMIN", "x-user-id=user-b"})
    void anotherCustomersOrderStaysClosedWhateverTheQuerySays(String claim) throws Exception {
        HttpResponse<String> read = send(request("/api/orders/ord-b?" + claim, customer("user-a")).GET());
        HttpResponse<String> cancel = send(request("/api/orders/ord-b/cancel?" + claim, customer("user-a"))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> confirm = send(request("/api/orders/ord-b/confirm?paymentMethodId=pm_abc&" + claim,
                customer("user-a")).PUT(HttpRequest.BodyPublishers.noBody()));

        assertThat(List.of(read.statusCode(), cancel.statusCode(), confirm.statusCode())).containsOnly(403);
        assertThat(read.body()).doesNotContain("user-b\",\"status");
        assertThat(ORDER_SERVICE.received()).allMatch(r -> r.method().equals("GET"));
    }

    @Test
    void listingOrdersWithAnAdminClaimListsOnlyTheCallersOwn() throws Exception {
        ORDER_SERVICE.answerJson("/api/orders?userId=user-a", 200, "{\"content\":[],\"totalElements\":0}");

        for (String claim : ADMIN_CLAIMS) {
            HttpResponse<String> list = send(request("/api/orders?" + claim, customer("user-a")).GET());
            assertThat(list.statusCode()).as(claim).isIn(200, 403);
        }
        // an encoded filter name is the name it spells: it names another user, which a customer may not
        HttpResponse<String> encoded = send(request("/api/orders?user%49d=user-b", customer("user-a")).GET());

        assertThat(ORDER_SERVICE.received()).isNotEmpty()
                .allSatisfy(call -> assertThat(call.uri().getRawQuery()).isEqualTo("userId=user-a"));
        assertThat(encoded.statusCode()).isEqualTo(403);
    }

    @Test
    void placingAnOrderForAnotherUserStaysForbiddenWithAnAdminClaim() throws Exception {
        long before = processes();

        for (String claim : ADMIN_CLAIMS) {
            HttpResponse<String> placed = send(request("/api/orders?" + claim, customer("user-a"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ORDER_FOR_B)));
            assertThat(placed.statusCode()).as(claim).isEqualTo(403);
        }

        assertThat(processes()).isEqualTo(before);
    }

    @Test
    void formFieldsAndHeaderSpellingsDoNotNameTheCaller() throws Exception {
        HttpResponse<String> form = send(request("/api/orders/ord-b/cancel", customer("user-a"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("X-User-Roles=ADMIN&X-User-Id=user-b&x-user-roles=admin")));
        HttpResponse<String> headers = send(request("/api/orders/ord-b", customer("user-a"))
                .header("X-User-Roles", "ADMIN").header("x-user-id", "user-b").header("X-Souk-Caller", "ADMIN").GET());

        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(headers.statusCode()).isEqualTo(403);
    }

    @Test
    void aStrangerCannotReachAUsersCartByNamingThem() throws Exception {
        CART_SERVICE.answerJson("/api/cart", 200, "{\"id\":null,\"version\":0,\"items\":[]}");

        send(request("/api/cart?X-User-Id=user-a", null).GET());
        send(request("/api/cart?x-user-id=user-a&X-Cart-Id=cart-of-a", null).GET());
        send(request("/api/cart/items/item-1?X-User-Id=user-a", null).DELETE());
        send(request("/api/cart/items?X-User-Id=user-a", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"quantity\":1}")));
        // the hub's own header names do not steer a route either
        send(request("/api/cart?soukCartSubPath=/checkout-started", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"checkoutId\":\"ord-x\"}")));

        List<Received> calls = CART_SERVICE.received();
        assertThat(calls).isNotEmpty().allSatisfy(call -> {
            assertThat(call.userId()).isNull();
            assertThat(call.headerNames()).doesNotContain("x-user-roles", "x-cart-id", "soukcartsubpath");
            assertThat(call.authorization()).isEqualTo("Bearer " + HUB_SERVICE_TOKEN);
        });
        assertThat(calls).extracting(call -> call.uri().getPath()).doesNotContain("/api/cart/checkout-started");
    }

    @Test
    void aGuestCartComesFromItsHeaderOnly() throws Exception {
        CART_SERVICE.answerJson("/api/cart", 200, "{\"id\":\"cart-g\",\"version\":0,\"items\":[]}");

        send(request("/api/cart", null).header("X-Cart-Id", "cart-g").GET());

        assertThat(CART_SERVICE.received()).singleElement()
                .satisfies(call -> assertThat(call.headerNames()).contains("x-cart-id"));
    }

    @Test
    void catalogReadsPassNoClaimedIdentityOn() throws Exception {
        PRODUCT_SERVICE.answerJson("/api/products/prod-1", 404, "{\"status\":404,\"code\":\"PRODUCT_NOT_FOUND\"}");

        HttpResponse<String> read = send(request("/api/catalog/products/prod-1?X-User-Roles=ADMIN&X-User-Id=user-b"
                + "&Authorization=Bearer%20forged&includeInactive=true", null).GET());

        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(PRODUCT_SERVICE.received()).singleElement().satisfies(call -> {
            assertThat(call.headerNames()).doesNotContain("x-user-roles", "x-user-id", "includeinactive");
            assertThat(call.authorization()).isNotEqualTo("Bearer forged");
            assertThat(call.uri().getRawQuery()).isNull();
        });
    }

    @Test
    void deadLetterReplayStaysWithTheAdministrator() throws Exception {
        for (String claim : ADMIN_CLAIMS) {
            HttpResponse<String> replay = send(request("/api/hub/dead-letters/delivery-events/replay?" + claim,
                    customer("user-a")).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(replay.statusCode()).as(claim).isEqualTo(403);
        }
    }

    /** Every HTTP route of the hub takes its caller from the token: it runs with the shared route configuration. */
    @Test
    void everyHttpRouteCapturesTheCallerFromTheToken() {
        List<RouteDefinition> httpRoutes = ((ModelCamelContext) camel).getRouteDefinitions().stream()
                .filter(route -> route.getInput().getEndpointUri().startsWith("platform-http:")
                        || route.getInput().getEndpointUri().startsWith("rest:"))
                .toList();

        assertThat(httpRoutes).isNotEmpty().allSatisfy(route ->
                assertThat(route.getRouteConfigurationId()).as(route.getRouteId()).contains(ProblemResponses.ID));
    }

    private long processes() {
        return runtime.createProcessInstanceQuery().processDefinitionKey(OrderLifecycle.PROCESS).count();
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub(path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
