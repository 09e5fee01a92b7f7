package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The running stack as a stranger tries to break it, one test per way in that was once open: identity named in query
 * parameters, a writable registry, password guessing, tokens that outlive a logout, forged key ids, oversized bodies,
 * parallel commands, hidden products, and error pages that were not problem+json.
 */
@ExtendWith(SoukStack.class)
class AttackerFlowsIT {

    private static final String GATEWAY = Http.GATEWAY;
    private static final String HUB = "http://localhost:8090";
    private static final String REGISTRY = "http://localhost:8761";
    private static final String AUTH = "http://localhost:8101";
    private static final List<String> ADMIN_CLAIMS = List.of("X-User-Roles=ADMIN", "x-user-roles=admin",
            "X-USER-ROLES=ADMIN", "X%2DUser%2DRoles=ADMIN");

    @Test
    void aCustomerDoesNotBecomeAdministratorByNamingRolesInTheQuery() {
        Http victim = Http.newCustomer();
        Http attacker = Http.newCustomer();
        String victimsOrder = place(victim);

        for (String base : List.of(GATEWAY, HUB)) {
            for (String claim : ADMIN_CLAIMS) {
                String as = base + " " + claim;
                assertThat(attacker.getJson(base + "/api/orders/" + victimsOrder + "?" + claim).statusCode()).as(as).isEqualTo(403);
                assertThat(put(attacker, base + "/api/orders/" + victimsOrder + "/cancel?" + claim).statusCode()).as(as)
                        .isEqualTo(403);
                assertThat(put(attacker, base + "/api/orders/" + victimsOrder + "/confirm?paymentMethodId=pm_abc&" + claim)
                        .statusCode()).as(as).isEqualTo(403);
                HttpResponse<String> list = attacker.getJson(base + "/api/orders?" + claim);
                assertThat(Http.json(list).path("content").findValuesAsText("userId")).as(as)
                        .allMatch(attacker.userId()::equals);
                assertThat(attacker.postJson(base + "/api/orders?" + claim + "&X-User-Id=" + victim.userId(), """
                        {"userId":"%s","shippingAddress":"1 Attacker Road","items":[{"productId":"prod-1","variantId":"var-1","quantity":1}]}"""
                        .formatted(victim.userId())).statusCode()).as(as).isEqualTo(403);
            }
        }

        JsonNode order = Http.json(victim.getJson(GATEWAY + "/api/orders/" + victimsOrder));
        assertThat(order.path("status").asText()).isEqualTo("PENDING");
        assertThat(order.path("shippingAddress").asText()).isNotEqualTo("1 Attacker Road");
        put(victim, GATEWAY + "/api/orders/" + victimsOrder + "/cancel");
    }

    @Test
    void aStrangerCannotReadOrChangeAUsersCartByNamingThem() {
        Http owner = Http.newCustomer();
        HttpResponse<String> added = owner.postJson(GATEWAY + "/api/cart/items",
                "{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"quantity\":1}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String itemId = Http.json(owner.getJson(GATEWAY + "/api/cart")).path("items").get(0).path("itemId").asText();
        assertThat(itemId).isNotBlank();

        Http stranger = new Http();
        for (String base : List.of(GATEWAY, HUB)) {
            HttpResponse<String> read = stranger.getJson(base + "/api/cart?X-User-Id=" + owner.userId());
            assertThat(read.body()).as(base).doesNotContain(itemId);
            stranger.send(Http.request(base + "/api/cart/items/" + itemId + "?X-User-Id=" + owner.userId()).DELETE().build());
            stranger.postJson(base + "/api/cart/items?x-user-id=" + owner.userId(),
                    "{\"productId\":\"prod-2\",\"variantId\":\"var-4\",\"quantity\":3}");
        }

        JsonNode cart = Http.json(owner.getJson(GATEWAY + "/api/cart"));
        assertThat(cart.path("items")).hasSize(1);
        assertThat(cart.path("items").get(0).path("itemId").asText()).isEqualTo(itemId);
    }

    @Test
    void theRegistryTakesNoOrdersFromStrangers() {
        Http stranger = new Http();
        String rogue = """
                {"instance":{"instanceId":"rogue:1","hostName":"evil.example","app":"PRODUCT-SERVICE","ipAddr":"203.0.113.9",
                 "status":"UP","port":{"$":80,"@enabled":"true"},"dataCenterInfo":{"@class":
                 "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}""";

        HttpResponse<String> register = stranger.postJson(REGISTRY + "/eureka/apps/PRODUCT-SERVICE", rogue);
        HttpResponse<String> outOfService = stranger.send(Http.request(REGISTRY
                + "/eureka/apps/PRODUCT-SERVICE/product-service:8103/status?value=OUT_OF_SERVICE")
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> delete = stranger.send(Http.request(REGISTRY + "/eureka/apps/GATEWAY/gateway:8080").DELETE().build());
        HttpResponse<String> read = stranger.getJson(REGISTRY + "/eureka/apps");

        assertThat(List.of(register, outOfService, delete, read)).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(401);
            assertThat(Http.json(response).path("code").asText()).isEqualTo("UNAUTHENTICATED");
        });
        // the shop still routes to the real product-service
        assertThat(stranger.getJson(GATEWAY + "/api/products/prod-1").statusCode()).isEqualTo(200);
    }

    @Test
    void guessingAPasswordIsThrottledPerAccountEvenAroundTheGateway() {
        Http customer = Http.newCustomer();
        String email = Http.json(customer.getJson(GATEWAY + "/api/users/" + customer.userId())).path("email").asText();
        String wrong = "{\"email\":\"" + email + "\",\"password\":\"not the password 1\"}";
        String right = "{\"email\":\"" + email + "\",\"password\":\"system test password 1\"}";

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(new Http().postJson((i % 2 == 0 ? GATEWAY : AUTH) + "/api/auth/login", wrong).statusCode());
        }
        HttpResponse<String> owner = new Http().postJson(AUTH + "/api/auth/login", right);

        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 8)).contains(429);
        assertThat(owner.statusCode()).as("while throttled the password is not even checked").isEqualTo(429);
        assertThat(Http.json(owner).path("code").asText()).isEqualTo("LOGIN_THROTTLED");
        assertThat(owner.headers().firstValue("Retry-After")).isPresent();
        // the owner is not locked out for good: once the wait is over the right password works
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> new Http().postJson(AUTH + "/api/auth/login", right).statusCode() == 200);
    }

    @Test
    void anAccessTokenStopsWorkingSoonAfterLogout() {
        Http customer = Http.newCustomer();
        String email = Http.json(customer.getJson(GATEWAY + "/api/users/" + customer.userId())).path("email").asText();
        JsonNode session = Http.json(new Http().postJson(GATEWAY + "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"system test password 1\"}"));
        String bearer = "Bearer " + session.path("accessToken").asText();
        assertThat(withToken(bearer, GATEWAY + "/api/orders").statusCode()).isEqualTo(200);

        assertThat(new Http().postJson(GATEWAY + "/api/auth/logout",
                "{\"refreshToken\":\"" + session.path("refreshToken").asText() + "\"}").statusCode()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(15)).until(() -> withToken(bearer, GATEWAY + "/api/orders").statusCode() == 401
                && withToken(bearer, HUB + "/api/orders").statusCode() == 401
                && withToken(bearer, "http://localhost:8102/api/users/" + customer.userId()).statusCode() == 401);
        // the customer's other session goes on
        assertThat(customer.getJson(GATEWAY + "/api/orders").statusCode()).isEqualTo(200);
    }

    @Test
    void tokensWithUnknownKeyIdsAreRefusedAsUnauthenticatedNeverAsErrors() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> forged = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String token = forgedToken("kid-" + UUID.randomUUID());
            String url = (i % 3 == 0 ? HUB : GATEWAY) + "/api/orders";
            forged.add(CompletableFuture.supplyAsync(() -> withToken("Bearer " + token, url)));
        }
        for (CompletableFuture<HttpResponse<String>> answer : forged) {
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void oversizedBodiesAreRefusedAtEveryDoor() {
        Http customer = Http.newCustomer();
        String huge = "{\"shippingAddress\":\"" + "x".repeat(2 * 1024 * 1024)
                + "\",\"items\":[{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"quantity\":1}]}";

        for (String base : List.of(GATEWAY, HUB)) {
            HttpResponse<String> response = customer.postJson(base + "/api/orders", huge);
            assertThat(response.statusCode()).as(base).isEqualTo(413);
            assertThat(Http.json(response).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        }
        assertThat(Http.json(customer.getJson(GATEWAY + "/api/orders")).path("totalElements").asInt()).isZero();
    }

    @Test
    void parallelConfirmsOfOneOrderChargeOnceAndNeverFail() throws Exception {
        Http customer = Http.newCustomer();
        String orderId = place(customer);

        List<CompletableFuture<HttpResponse<String>>> confirms = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            confirms.add(CompletableFuture.supplyAsync(() ->
                    put(customer, GATEWAY + "/api/orders/" + orderId + "/confirm?paymentMethodId=pm_abc")));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> confirm : confirms) {
            HttpResponse<String> response = confirm.get(60, TimeUnit.SECONDS);
            statuses.add(response.statusCode());
            if (response.statusCode() == 409) {
                assertThat(Http.json(response).path("code").asText()).isEqualTo("ORDER_BUSY");
            }
        }

        assertThat(statuses).as(statuses.toString()).isSubsetOf(200, 409).contains(200);
        JsonNode payments = Http.json(customer.getJson(GATEWAY + "/api/payments?orderId=" + orderId));
        assertThat(payments.findValuesAsText("status").stream().filter("COMPLETED"::equals)).hasSize(1);
        put(customer, GATEWAY + "/api/orders/" + orderId + "/cancel");
    }

    @Test
    void productsNotForSaleAreTheAdministratorsOnly() {
        Http admin = Http.admin();
        String id = "hidden-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = admin.postJson(GATEWAY + "/api/products", """
                {"id":"%s","name":"Unreleased","category":"secret","active":false,"variants":[{"id":"v1","name":"One","price":9}]}"""
                .formatted(id));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        Http stranger = new Http();
        assertThat(stranger.getJson(GATEWAY + "/api/products/" + id).statusCode()).isEqualTo(404);
        assertThat(stranger.getJson(GATEWAY + "/api/catalog/products/" + id).statusCode()).isEqualTo(404);
        assertThat(stranger.getJson(GATEWAY + "/api/products?includeInactive=true").statusCode()).isEqualTo(403);
        assertThat(Http.newCustomer().getJson(GATEWAY + "/api/products/" + id).statusCode()).isEqualTo(404);
        assertThat(admin.getJson(GATEWAY + "/api/products/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void everyErrorIsAProblemAndSecurityHeadersAppearOnce() {
        Http stranger = new Http();
        for (String url : List.of(GATEWAY + "/error", HUB + "/error", GATEWAY + "/api/products/a%2Fb", HUB + "/api/orders/a%2Fb",
                HUB + "/api/nowhere", GATEWAY + "/nowhere")) {
            HttpResponse<String> response = stranger.send(Http.request(url).GET().build());
            assertThat(response.statusCode()).as(url).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type")).as(url).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).as(url).doesNotContain("<html").doesNotContain("\"status\":999");
        }
        HttpResponse<String> product = stranger.getJson(GATEWAY + "/api/products/prod-1");
        assertThat(product.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void operationsWritesNeedTheOperatorEvenOnADevelopersMachine() {
        Http stranger = new Http();
        HttpResponse<String> logger = stranger.postJson(HUB + "/actuator/loggers/dev.souk", "{\"configuredLevel\":\"TRACE\"}");
        HttpResponse<String> route = stranger.postJson(HUB + "/actuator/camelroutes/order-api-get/stop", "{}");
        HttpResponse<String> diagnostic = stranger.postJson(HUB + "/actuator/jolokia", """
                {"type":"exec","mbean":"com.sun.management:type=DiagnosticCommand","operation":"vmSystemProperties"}""");

        assertThat(logger.statusCode()).isEqualTo(401);
        assertThat(route.statusCode()).isEqualTo(401);
        assertThat(diagnostic.body()).doesNotContain("java.home");
        // the shop still answers: nothing was stopped
        assertThat(Http.demoCustomer().getJson(GATEWAY + "/api/orders").statusCode()).isEqualTo(200);
    }

    private static String place(Http customer) {
        HttpResponse<String> placed = customer.postJson(GATEWAY + "/api/orders", """
                {"shippingAddress":"1 Road","items":[{"productId":"prod-1","variantId":"var-1","quantity":1}]}""");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return Http.json(placed).path("id").asText();
    }

    private static HttpResponse<String> put(Http caller, String url) {
        return caller.send(Http.request(url).PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> withToken(String authorization, String url) {
        return new Http().send(Http.request(url).header("Authorization", authorization).header("Accept", "application/json")
                .GET().build());
    }

    /** An RS256 token naming a key the auth-service never had; its signature does not matter. */
    private static String forgedToken(String kid) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = base64.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"sub\":\"user-123\",\"roles\":[\"ADMIN\"],\"iss\":\"souk-auth\","
                + "\"aud\":\"souk\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + base64.encodeToString(new byte[256]);
    }
}
