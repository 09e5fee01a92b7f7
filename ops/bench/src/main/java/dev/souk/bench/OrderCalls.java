package dev.souk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The order contract the benchmark drives: place (201 PENDING) then confirm (200 CONFIRMED, 202 accepted). */
final class OrderCalls {

    static final String PAYMENT_METHOD = "pm_abc";

    enum ConfirmOutcome { CONFIRMED, ACCEPTED, FAILED }

    private final BenchClient client;
    private final String baseUrl;
    private final Map<String, Object> placeBody;

    OrderCalls(BenchClient client, BenchOptions options) {
        this.client = client;
        this.baseUrl = options.baseUrl().toString();
        this.placeBody = Map.of(
                "userId", options.userId(),
                "shippingAddress", "123 Main St",
                "paymentMethodId", PAYMENT_METHOD,
                "items", List.of(Map.of("productId", options.productId(), "variantId", options.variantId(), "quantity", 1)));
    }

    HttpRequest place() {
        return client.post(URI.create(baseUrl + "/api/orders"), placeBody);
    }

    HttpRequest confirm(String orderId) {
        return client.putEmpty(URI.create(baseUrl + "/api/orders/" + pathSegment(orderId)
                + "/confirm?paymentMethodId=" + PAYMENT_METHOD));
    }

    /** The id of a placed order ({@code id} or {@code orderId}), or null when the answer is not a placed order. */
    static String placedOrderId(BenchClient.Response response) {
        if (!response.is2xx()) {
            return null;
        }
        JsonNode json = response.json();
        if (json == null) {
            return null;
        }
        for (String field : List.of("id", "orderId")) {
            JsonNode id = json.get(field);
            if (id != null && !id.isNull() && !id.asText().isBlank()) {
                return id.asText();
            }
        }
        return null;
    }

    /** Key under which an unusable place answer is counted. */
    static String placeFailureKey(BenchClient.Response response) {
        return response.is2xx() ? response.status() + " NO_ORDER_ID" : response.failureKey();
    }

    static ConfirmOutcome confirmOutcome(BenchClient.Response response) {
        if (response.status() == 202) {
            return ConfirmOutcome.ACCEPTED;
        }
        if (response.status() == 200) {
            JsonNode json = response.json();
            JsonNode status = json == null ? null : json.get("status");
            if (status == null || status.isNull() || "CONFIRMED".equals(status.asText())) {
                return ConfirmOutcome.CONFIRMED;
            }
        }
        return ConfirmOutcome.FAILED;
    }

    static String confirmFailureKey(BenchClient.Response response) {
        if (response.status() == 200) {
            JsonNode json = response.json();
            return "200 status " + (json == null ? "?" : json.path("status").asText("?"));
        }
        return response.failureKey();
    }

    static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
