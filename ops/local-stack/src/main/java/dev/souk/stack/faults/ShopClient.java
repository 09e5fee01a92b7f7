package dev.souk.stack.faults;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.stack.StackOptions;

/**
 * What the fault harness says to the running shop, as a client would: through the gateway with access tokens, plus
 * the operator's view of the order process in the engine's REST API (with the local stack's operator sign-in). It only
 * ever talks to this machine.
 */
final class ShopClient {

    static final String GATEWAY = "http://localhost:8080";
    static final String ENGINE = "http://localhost:8090/engine-rest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String operator = "Basic " + Base64.getEncoder().encodeToString(
            (StackOptions.ADMIN_USER + ":" + StackOptions.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    /** An HTTP answer; status 0 when there was none (refused, timed out). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String code() {
            return body == null ? "" : body.path("code").asText("");
        }
    }

    String login(String email, String password) {
        Answer answer = post(GATEWAY + "/api/auth/login", null,
                JSON.createObjectNode().put("email", email).put("password", password).toString());
        if (!answer.ok()) {
            throw new IllegalStateException("login of " + email + " failed: HTTP " + answer.status() + " " + answer.body());
        }
        return answer.body().path("accessToken").asText();
    }

    /** A new customer's token. */
    String newCustomer(String email, String password) {
        Answer registered = post(GATEWAY + "/api/auth/register", null, JSON.createObjectNode().put("email", email)
                .put("password", password).put("fullName", "Fault Harness Buyer").toString());
        if (registered.status() != 201) {
            throw new IllegalStateException("register failed: HTTP " + registered.status() + " " + registered.body());
        }
        return login(email, password);
    }

    Answer place(String token, String productId, String variantId, int quantity) {
        return post(GATEWAY + "/api/orders", token, JSON.createObjectNode().put("shippingAddress", "1 Fault Street")
                .put("paymentMethodId", "pm_abc")
                .set("items", JSON.createArrayNode().add(JSON.createObjectNode().put("productId", productId)
                        .put("variantId", variantId).put("quantity", quantity))).toString());
    }

    Answer confirm(String token, String orderId) {
        return put(GATEWAY + "/api/orders/" + orderId + "/confirm?paymentMethodId=pm_abc", token);
    }

    Answer cancel(String token, String orderId) {
        return put(GATEWAY + "/api/orders/" + orderId + "/cancel", token);
    }

    Answer order(String admin, String orderId) {
        return get(GATEWAY + "/api/orders/" + orderId, "Bearer " + admin);
    }

    Answer payments(String admin, String orderId) {
        return get(GATEWAY + "/api/payments?orderId=" + orderId, "Bearer " + admin);
    }

    Answer shipment(String admin, String orderId) {
        return get(GATEWAY + "/api/delivery/" + orderId, "Bearer " + admin);
    }

    Answer stock(String productId, String variantId) {
        return get(GATEWAY + "/api/inventory/stock/" + productId + "/" + variantId, null);
    }

    Answer notifications(String admin, String userId) {
        return get(GATEWAY + "/api/notifications?userId=" + userId + "&size=100", "Bearer " + admin);
    }

    /** A product of its own for a scenario, with {@code units} in stock. */
    void newProduct(String admin, String productId, String variantId, int units) {
        Answer created = post(GATEWAY + "/api/products", admin, JSON.createObjectNode().put("id", productId)
                .put("name", "Fault harness " + productId).put("category", "harness")
                .set("variants", JSON.createArrayNode().add(JSON.createObjectNode().put("id", variantId)
                        .put("name", "Standard").put("price", 5))).toString());
        if (created.status() != 201) {
            throw new IllegalStateException("creating " + productId + " failed: HTTP " + created.status() + " " + created.body());
        }
        Answer stocked = send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/inventory/stock"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("productId", productId)
                        .put("variantId", variantId).put("onHand", units).toString())));
        if (!stocked.ok()) {
            throw new IllegalStateException("stocking " + productId + " failed: HTTP " + stocked.status() + " " + stocked.body());
        }
    }

    /** The ids of the activities the order's process is at right now; empty when it has ended (or never started). */
    List<String> activeActivities(String orderId) {
        Answer instances = get(ENGINE + "/process-instance?businessKey=" + encode(orderId), operator);
        List<String> activities = new ArrayList<>();
        if (instances.body() != null) {
            for (JsonNode instance : instances.body()) {
                Answer tree = get(ENGINE + "/process-instance/" + instance.path("id").asText() + "/activity-instances", operator);
                collectLeaves(tree.body(), activities);
            }
        }
        return activities;
    }

    /** The incidents of the order's process (their messages); empty when there are none. */
    List<String> incidents(String orderId) {
        List<String> messages = new ArrayList<>();
        Answer instances = get(ENGINE + "/process-instance?businessKey=" + encode(orderId), operator);
        if (instances.body() != null) {
            for (JsonNode instance : instances.body()) {
                Answer incidents = get(ENGINE + "/incident?processInstanceId=" + instance.path("id").asText(), operator);
                if (incidents.body() != null) {
                    incidents.body().forEach(i -> messages.add(i.path("activityId").asText() + ": " + i.path("incidentMessage").asText()));
                }
            }
        }
        return messages;
    }

    /**
     * Whether the engine still has work for the order soon: a job with retries left that is due now or within two
     * minutes (a step being retried). A timer further away (the payment window) is waiting, not work.
     */
    boolean hasPendingJobs(String orderId) {
        Answer instances = get(ENGINE + "/process-instance?businessKey=" + encode(orderId), operator);
        if (instances.body() == null) {
            return false;
        }
        java.time.Instant soon = java.time.Instant.now().plus(Duration.ofMinutes(2));
        for (JsonNode instance : instances.body()) {
            Answer jobs = get(ENGINE + "/job?processInstanceId=" + instance.path("id").asText() + "&withRetriesLeft=true", operator);
            if (jobs.body() == null) {
                continue;
            }
            for (JsonNode job : jobs.body()) {
                if (job.path("dueDate").isNull() || dueBefore(job.path("dueDate").asText(), soon)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean dueBefore(String dueDate, java.time.Instant moment) {
        try {
            // the engine writes offsets without a colon (+0000)
            return java.time.OffsetDateTime.parse(dueDate.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant()
                    .isBefore(moment);
        } catch (RuntimeException unreadable) {
            return true;
        }
    }

    private static void collectLeaves(JsonNode node, List<String> into) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        JsonNode children = node.path("childActivityInstances");
        JsonNode transitions = node.path("childTransitionInstances");
        if ((children.isEmpty()) && (transitions.isEmpty())) {
            if (!"processDefinition".equals(node.path("activityType").asText())) {
                into.add(node.path("activityId").asText());
            }
            return;
        }
        children.forEach(child -> collectLeaves(child, into));
        transitions.forEach(transition -> into.add(transition.path("activityId").asText()));
    }

    Answer get(String url, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private Answer post(String url, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private Answer put(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").PUT(HttpRequest.BodyPublishers.noBody()));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body() == null || response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (IOException notJson) {
                body = null;
            }
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            return new Answer(0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
