package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed's endpoints and the platform around them, exercised through the running stack exactly as a
 * client meets them: the gateway on :8080, Eureka on :8761, Cockpit and Hawtio on the hub (:8090). Public reads go
 * without a token; the demo customer (user-123) and the shop administrator sign in as a client would.
 */
@ExtendWith(SoukStack.class)
class SeedEndpointsIT {

    private static final String GATEWAY = "http://localhost:8080";
    private static final String HUB = "http://localhost:8090";

    private static Http admin;
    private final Http http = new Http();

    private static synchronized Http admin() {
        if (admin == null) {
            admin = Http.admin();
        }
        return admin;
    }

    @Test
    void demoUserExists() {
        HttpResponse<String> response = Http.demoCustomer().getJson(GATEWAY + "/api/users/user-123/exists");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().trim()).isEqualTo("true");
        assertThat(admin().getJson(GATEWAY + "/api/users/no-such-user/exists").body().trim()).isEqualTo("false");
    }

    @Test
    void theSeedsOrderIsPlacedByItsCustomer() {
        Http demo = Http.demoCustomer();
        HttpResponse<String> placed = demo.postJson(GATEWAY + "/api/orders", """
                {"userId":"user-123","shippingAddress":"123 Main St","paymentMethodId":"pm_abc",
                 "items":[{"productId":"prod-1","variantId":"var-1","quantity":1}]}""");

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String id = Http.json(placed).path("id").asText();
        assertThat(demo.send(Http.request(GATEWAY + "/api/orders/" + id + "/cancel")
                .PUT(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(200);
    }

    @Test
    void productComesWithItsVariants() {
        HttpResponse<String> response = http.getJson(GATEWAY + "/api/products/prod-1");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode product = Http.json(response);
        assertThat(product.path("id").asText()).isEqualTo("prod-1");
        assertThat(product.path("variants").findValuesAsText("id")).contains("var-1");
        assertThat(http.getJson(GATEWAY + "/api/products/prod-1/exists").body().trim()).isEqualTo("true");
        assertThat(http.getJson(GATEWAY + "/api/products/prod-404/exists").body().trim()).isEqualTo("false");
    }

    @Test
    void inventoryCheckSaysInStock() {
        HttpResponse<String> response =
                http.getJson(GATEWAY + "/api/inventory/check?productId=prod-1&variantId=var-1&quantity=1");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode check = Http.json(response);
        assertThat(check.path("inStock").asBoolean()).isTrue();
        assertThat(check.path("requested").asInt()).isEqualTo(1);
        assertThat(check.path("available").asInt()).isPositive();
    }

    @Test
    void reserveThenReleaseMovesStockBothWays() {
        // given
        String orderId = "it-" + UUID.randomUUID();
        Stock before = stockOf("prod-1", "var-1");
        String reservation = """
                {"orderId":"%s","items":[{"productId":"prod-1","variantId":"var-1","quantity":2}]}""".formatted(orderId);

        // when reserving
        HttpResponse<String> reserved = admin().postJson(GATEWAY + "/api/inventory/reserve", reservation);

        // then two units are held for the order
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        Stock held = stockOf("prod-1", "var-1");
        assertThat(held.reserved()).isEqualTo(before.reserved() + 2);
        assertThat(held.available()).isEqualTo(before.available() - 2);

        // and reserving again for the same order changes nothing
        HttpResponse<String> repeated = admin().postJson(GATEWAY + "/api/inventory/reserve", reservation);
        assertThat(repeated.statusCode()).as(repeated.body()).isEqualTo(200);
        assertThat(stockOf("prod-1", "var-1")).isEqualTo(held);

        // when releasing
        HttpResponse<String> released = admin().postJson(GATEWAY + "/api/inventory/release",
                "{\"orderId\":\"" + orderId + "\"}");

        // then the units are available again
        assertThat(released.statusCode()).as(released.body()).isBetween(200, 204);
        assertThat(stockOf("prod-1", "var-1")).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "products", "inventory", "orders", "payments", "delivery", "cart", "auth"})
    void swaggerUiAndOpenApiThroughTheGateway(String service) {
        HttpResponse<String> ui = http.get(GATEWAY + "/api/" + service + "/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(ui.body()).containsIgnoringCase("swagger");

        HttpResponse<String> docs = http.getJson(GATEWAY + "/api/" + service + "/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode openApi = Http.json(docs);
        assertThat(openApi.path("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        openApi.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).anyMatch(path -> path.startsWith("/api/" + service));
    }

    @Test
    void everyAppIsRegisteredWithEureka() {
        List<String> expected = List.of("CONFIG-SERVER", "GATEWAY", "AUTH-SERVICE", "USER-SERVICE", "PRODUCT-SERVICE",
                "INVENTORY-SERVICE", "CART-SERVICE", "ORDER-SERVICE", "PAYMENT-SERVICE", "DELIVERY-SERVICE", "INTEGRATION-HUB");

        // the registry API is for the apps and the operator only
        assertThat(http.getJson("http://localhost:8761/eureka/apps").statusCode()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> response = admin().getJson("http://localhost:8761/eureka/apps");
            assertThat(response.statusCode()).isEqualTo(200);
            List<String> registered = Http.json(response).path("applications").path("application").findValuesAsText("name");
            assertThat(registered).containsAll(expected);
        });
    }

    @Test
    void cockpitAcceptsTheLocalAdmin() {
        // each attempt in its own browser-like session, as the Cockpit login page does it
        HttpResponse<String> right = cockpitLogin(StackOptions.ADMIN_USER, StackOptions.ADMIN_PASSWORD);
        HttpResponse<String> wrong = cockpitLogin("admin", "not-the-password");

        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(Http.json(right).path("userId").asText()).isEqualTo("admin");
        assertThat(right.body()).contains("cockpit");
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void hawtioIsServedOnTheHub() {
        HttpResponse<String> response = http.get(HUB + "/actuator/hawtio");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsIgnoringCase("hawtio");
    }

    @Test
    void catalogCompositeJoinsProductAndAvailability() {
        HttpResponse<String> response = http.getJson(GATEWAY + "/api/catalog/products/prod-1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode composite = Http.json(response);
        assertThat(composite.findValuesAsText("id")).contains("prod-1", "var-1");
        assertThat(response.body()).containsIgnoringCase("available");
    }

    @Test
    void malformedJsonIsAProblemAndCreatesNothing() {
        HttpResponse<String> response = admin().postJson(GATEWAY + "/api/users", "{\"id\":\"user-broken\",\"email\":");

        assertProblem(response, 400, "MALFORMED_JSON");
        assertThat(admin().getJson(GATEWAY + "/api/users/user-broken/exists").body().trim()).isEqualTo("false");
    }

    @Test
    void missingFieldsAreAProblemAndCreateNothing() {
        HttpResponse<String> response = admin().postJson(GATEWAY + "/api/products",
                "{\"id\":\"prod-incomplete\",\"variants\":[]}");

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(http.getJson(GATEWAY + "/api/products/prod-incomplete/exists").body().trim()).isEqualTo("false");
    }

    @Test
    void negativeQuantityIsAProblemAndReservesNothing() {
        // given
        String orderId = "it-negative-" + UUID.randomUUID();
        Stock before = stockOf("prod-1", "var-1");

        // when
        HttpResponse<String> reserve = admin().postJson(GATEWAY + "/api/inventory/reserve", """
                {"orderId":"%s","items":[{"productId":"prod-1","variantId":"var-1","quantity":-3}]}""".formatted(orderId));
        HttpResponse<String> check = http.getJson(GATEWAY + "/api/inventory/check?productId=prod-1&variantId=var-1&quantity=-1");

        // then
        assertProblem(reserve, 400, "VALIDATION_FAILED");
        assertProblem(check, 400, null);
        assertThat(stockOf("prod-1", "var-1")).isEqualTo(before);
        assertThat(admin().getJson(GATEWAY + "/api/inventory/reservations/" + orderId).statusCode()).isEqualTo(404);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = Http.json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        if (code != null) {
            assertThat(problem.path("code").asText()).isEqualTo(code);
        }
    }

    private static HttpResponse<String> cockpitLogin(String user, String password) {
        Http session = new Http();
        // the webapp hands out its CSRF token with the first page
        session.get(HUB + "/camunda/app/cockpit/default/");
        Optional<String> csrf = session.client().cookieHandler()
                .map(handler -> ((CookieManager) handler).getCookieStore().getCookies())
                .flatMap(cookies -> cookies.stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                        .map(HttpCookie::getValue).findFirst());
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest.Builder request = Http.request(HUB + "/camunda/api/admin/auth/user/default/login/cockpit")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        csrf.ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        return session.send(request.build());
    }

    private Stock stockOf(String productId, String variantId) {
        HttpResponse<String> response = http.getJson(GATEWAY + "/api/inventory/stock?productId=" + productId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode level : Http.json(response)) {
            if (level.path("variantId").asText().equals(variantId)) {
                return new Stock(level.path("onHand").asInt(), level.path("reserved").asInt(),
                        level.path("available").asInt());
            }
        }
        throw new AssertionError("no stock level for " + productId + "/" + variantId + ": " + response.body());
    }

    record Stock(int onHand, int reserved, int available) { }
}
