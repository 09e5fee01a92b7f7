package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform's security on the running stack, as a newcomer and an attacker meet it: sign up and shop with tokens,
 * never reach another customer's things, never set what only the shop sets, and find no service that trusts a call
 * without a token.
 */
@ExtendWith(SoukStack.class)
class SecurityFlowsIT {

    private static final String GATEWAY = Http.GATEWAY;

    @Test
    void aNewcomerRegistersLogsInBrowsesAddsToCartAndOrders() {
        Http jane = Http.newCustomer();

        // the profile exists as soon as register has answered
        assertThat(jane.getJson(GATEWAY + "/api/users/" + jane.userId() + "/exists").body().trim()).isEqualTo("true");
        assertThat(new Http().getJson(GATEWAY + "/api/catalog/products/prod-1").statusCode()).isEqualTo(200);

        HttpResponse<String> added = jane.postJson(GATEWAY + "/api/cart/items",
                "{\"productId\":\"prod-2\",\"variantId\":\"var-4\",\"quantity\":1}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        HttpResponse<String> ordered = jane.postJson(GATEWAY + "/api/cart/checkout",
                "{\"shippingAddress\":\"5 Harbour Road\",\"paymentMethodId\":\"pm_abc\"}");
        assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(201);
        JsonNode order = Http.json(ordered);
        assertThat(order.path("userId").asText()).isEqualTo(jane.userId());

        HttpResponse<String> mine = jane.getJson(GATEWAY + "/api/orders?status=PENDING");
        assertThat(Http.json(mine).path("content").findValuesAsText("id")).contains(order.path("id").asText());
        cancel(jane, order.path("id").asText());
    }

    @Test
    void aCustomerCannotReachAnotherCustomersOrderPaymentDeliveryOrCart() {
        Http owner = Http.newCustomer();
        Http other = Http.newCustomer();
        String orderId = placeAndPay(owner);
        await().atMost(Duration.ofSeconds(30)).until(() -> owner.getJson(GATEWAY + "/api/delivery/" + orderId).statusCode() == 200);

        assertForbidden(other.getJson(GATEWAY + "/api/orders/" + orderId));
        assertForbidden(other.send(Http.request(GATEWAY + "/api/orders/" + orderId + "/cancel")
                .PUT(HttpRequest.BodyPublishers.noBody()).build()));
        assertForbidden(other.getJson(GATEWAY + "/api/payments?orderId=" + orderId));
        assertForbidden(other.getJson(GATEWAY + "/api/delivery/" + orderId));
        assertForbidden(other.getJson(GATEWAY + "/api/users/" + owner.userId()));
        assertForbidden(other.getJson(GATEWAY + "/api/orders?userId=" + owner.userId()));
        // ordering in another customer's name
        assertForbidden(other.postJson(GATEWAY + "/api/orders", """
                {"userId":"%s","shippingAddress":"1 Road","items":[{"productId":"prod-1","variantId":"var-1","quantity":1}]}"""
                .formatted(owner.userId())));

        // nothing changed: the order is still the owner's, confirmed
        JsonNode order = Http.json(owner.getJson(GATEWAY + "/api/orders/" + orderId));
        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
        // a forged X-User-Id is not believed either
        HttpResponse<String> forged = other.send(Http.request(GATEWAY + "/api/cart").header("X-User-Id", owner.userId()).GET().build());
        assertThat(forged.statusCode()).isEqualTo(200);
        assertThat(Http.json(forged).path("userId").asText(other.userId())).isEqualTo(other.userId());
        cancel(owner, orderId);
    }

    @Test
    void clientsCannotSetPricesTotalsStatusOrRoles() {
        // register asking for ADMIN: the account is a customer's
        String email = "mass-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = new Http().postJson(GATEWAY + "/api/auth/register", """
                {"email":"%s","password":"system test password 1","fullName":"Eve","roles":["ADMIN"],"id":"user-admin"}"""
                .formatted(email));
        assertThat(registered.statusCode()).as(registered.body()).isIn(201, 400);
        if (registered.statusCode() == 201) {
            Http eve = Http.signedIn(email, "system test password 1");
            assertThat(eve.userId()).isNotEqualTo("user-admin");
            assertForbidden(eve.postJson(GATEWAY + "/api/products",
                    "{\"id\":\"prod-eve\",\"name\":\"Free\",\"category\":\"x\",\"variants\":[{\"id\":\"v\",\"name\":\"v\",\"price\":0}]}"));
        }

        // an order with the client's price, total and status: the shop's price, PENDING
        Http customer = Http.newCustomer();
        HttpResponse<String> placed = customer.postJson(GATEWAY + "/api/orders", """
                {"shippingAddress":"1 Road","status":"CONFIRMED","total":0.01,
                 "items":[{"productId":"prod-1","variantId":"var-1","quantity":2,"unitPrice":0.01,"price":0.01}]}""");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = Http.json(placed);
        assertThat(order.path("status").asText()).isEqualTo("PENDING");
        assertThat(order.path("items").get(0).path("unitPrice").decimalValue()).isEqualByComparingTo("19.90");
        assertThat(order.path("total").decimalValue()).isEqualByComparingTo("39.80");
        cancel(customer, order.path("id").asText());
    }

    @Test
    void aParallelBurstOfUnpaidOrdersStopsAtTheCap() throws Exception {
        Http hoarder = Http.newCustomer();
        String order = """
                {"shippingAddress":"1 Road","items":[{"productId":"prod-1","variantId":"var-1","quantity":1}]}""";

        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            burst.add(CompletableFuture.supplyAsync(() -> hoarder.postJson(GATEWAY + "/api/orders", order)));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : burst) {
            answers.add(answer.get(60, TimeUnit.SECONDS));
        }

        // the local stack allows five unpaid orders per customer
        List<HttpResponse<String>> placed = answers.stream().filter(r -> r.statusCode() == 201).toList();
        assertThat(placed).as(answers.stream().map(HttpResponse::body).toList().toString()).hasSize(5);
        assertThat(answers).filteredOn(r -> r.statusCode() != 201)
                .allSatisfy(r -> assertThat(Http.json(r).path("code").asText()).isEqualTo("TOO_MANY_OPEN_ORDERS"));
        JsonNode open = Http.json(hoarder.getJson(GATEWAY + "/api/orders?status=PENDING"));
        assertThat(open.path("totalElements").asInt()).isEqualTo(5);

        // paying or cancelling one makes room again
        cancel(hoarder, Http.json(placed.get(0)).path("id").asText());
        HttpResponse<String> again = hoarder.postJson(GATEWAY + "/api/orders", order);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        for (JsonNode pending : Http.json(hoarder.getJson(GATEWAY + "/api/orders?status=PENDING")).path("content")) {
            cancel(hoarder, pending.path("id").asText());
        }
    }

    @Test
    void aCustomerChangesTheirEmailThroughTheAccountAndCannotClaimSomeoneElses() {
        Http squatter = Http.newCustomer();
        String victimEmail = "victim-" + UUID.randomUUID() + "@example.com";

        HttpResponse<String> claimed = squatter.send(Http.request(GATEWAY + "/api/users/" + squatter.userId())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + victimEmail + "\",\"fullName\":\"Squatter\"}"))
                .build());
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(403);
        assertThat(Http.json(claimed).path("code").asText()).isEqualTo("EMAIL_MANAGED_BY_ACCOUNT");

        // the owner of the address registers and has a profile at once
        HttpResponse<String> registered = new Http().postJson(GATEWAY + "/api/auth/register",
                "{\"email\":\"" + victimEmail + "\",\"password\":\"system test password 1\",\"fullName\":\"Victim\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        Http victim = Http.signedIn(victimEmail, "system test password 1");
        assertThat(victim.getJson(GATEWAY + "/api/users/" + victim.userId() + "/exists").body().trim()).isEqualTo("true");

        // the way to change one's email: through the account, with the password; the profile moves with it
        String newEmail = "moved-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> moved = squatter.send(Http.request(GATEWAY + "/api/auth/email")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"system test password 1\",\"newEmail\":\"" + newEmail + "\"}"))
                .build());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        Http renamed = Http.signedIn(newEmail, "system test password 1");
        assertThat(renamed.userId()).isEqualTo(squatter.userId());
        assertThat(Http.json(renamed.getJson(GATEWAY + "/api/users/" + renamed.userId())).path("email").asText()).isEqualTo(newEmail);
    }

    @Test
    void refreshTokensRotateAReusedOneEndsTheSessionAndLogoutRevokes() {
        Http customer = Http.newCustomer();
        String email = Http.json(customer.getJson(GATEWAY + "/api/users/" + customer.userId())).path("email").asText();
        JsonNode first = Http.json(new Http().postJson(GATEWAY + "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"system test password 1\"}"));

        JsonNode second = Http.json(refresh(first.path("refreshToken").asText()));
        assertThat(second.path("refreshToken").asText()).isNotEqualTo(first.path("refreshToken").asText());

        HttpResponse<String> reused = refresh(first.path("refreshToken").asText());
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(Http.json(reused).path("code").asText()).isEqualTo("REFRESH_TOKEN_REUSED");
        assertThat(refresh(second.path("refreshToken").asText()).statusCode()).isEqualTo(401);

        JsonNode fresh = Http.json(new Http().postJson(GATEWAY + "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"system test password 1\"}"));
        assertThat(new Http().postJson(GATEWAY + "/api/auth/logout",
                "{\"refreshToken\":\"" + fresh.path("refreshToken").asText() + "\"}").statusCode()).isEqualTo(204);
        assertThat(refresh(fresh.path("refreshToken").asText()).statusCode()).isEqualTo(401);
    }

    @Test
    void noServiceTrustsACallWithoutAValidToken() {
        // through the gateway
        HttpResponse<String> anonymous = new Http().getJson(GATEWAY + "/api/orders");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(Http.json(anonymous).path("code").asText()).isEqualTo("UNAUTHENTICATED");
        HttpResponse<String> forged = new Http().send(Http.request(GATEWAY + "/api/orders")
                .header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyLTEyMyIsInJvbGVzIjpbIkFETUlOIl19.").GET().build());
        assertThat(forged.statusCode()).isEqualTo(401);

        // straight to each service, around the gateway
        for (String url : new String[]{"http://localhost:8102/api/users/user-123", "http://localhost:8105/api/cart",
                "http://localhost:8106/api/orders", "http://localhost:8107/api/payments?orderId=x",
                "http://localhost:8108/api/delivery/shipments", "http://localhost:8104/api/inventory/reservations/x",
                "http://localhost:8090/api/orders"}) {
            HttpResponse<String> direct = new Http().getJson(url);
            assertThat(direct.statusCode()).as(url).isEqualTo(401);
        }
    }

    private static HttpResponse<String> refresh(String refreshToken) {
        return new Http().postJson(GATEWAY + "/api/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    private static String placeAndPay(Http customer) {
        HttpResponse<String> placed = customer.postJson(GATEWAY + "/api/orders", """
                {"shippingAddress":"1 Road","items":[{"productId":"prod-1","variantId":"var-1","quantity":1}]}""");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String id = Http.json(placed).path("id").asText();
        HttpResponse<String> paid = customer.send(Http.request(GATEWAY + "/api/orders/" + id + "/confirm?paymentMethodId=pm_abc")
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        return id;
    }

    private static void cancel(Http customer, String orderId) {
        customer.send(Http.request(GATEWAY + "/api/orders/" + orderId + "/cancel").PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(Http.json(response).path("code").asText()).isEqualTo("FORBIDDEN");
    }
}
