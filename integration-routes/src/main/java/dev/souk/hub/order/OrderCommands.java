package dev.souk.hub.order;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.souk.contracts.ProblemCodes;
import dev.souk.hub.downstream.ServiceCallRoutes;
import dev.souk.hub.errors.InvalidRequestException;
import dev.souk.hub.errors.ProblemException;
import dev.souk.hub.order.OrderOutcomes.Outcome;
import dev.souk.hub.security.HubCaller;

/**
 * The public order commands. Each one hands the order to its process (start, or a message to the running instance)
 * and answers once the process has come to rest — or 202 Accepted when it takes longer than the configured wait,
 * e.g. while the engine retries a payment provider that is down.
 */
@Component("orderCommands")
public class OrderCommands {

    public static final String PROCESS = "Process_OrderLifecycle";
    static final String CONFIRM_REQUESTED = "OrderConfirmRequested";
    static final String CANCEL_REQUESTED = "OrderCancelRequested";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
    private static final Pattern PAYMENT_METHOD_ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final int MAX_ITEMS = 100;
    private static final int MAX_QUANTITY = 10_000;
    private static final int BUSY_RETRY_AFTER_SECONDS = 1;

    private final RuntimeService runtime;
    private final OrderOutcomes outcomes;
    private final OrderProcessSettings settings;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final PlacementTurns turns;

    public OrderCommands(RuntimeService runtime, OrderOutcomes outcomes, OrderProcessSettings settings,
                         ProducerTemplate producer, ObjectMapper json, PlacementTurns turns) {
        this.turns = turns;
        this.runtime = runtime;
        this.outcomes = outcomes;
        this.settings = settings;
        this.producer = producer;
        this.json = json;
    }

    /** POST /api/orders with the seed's payload: 201 PENDING order, 409 OUT_OF_STOCK, 404/422 when refused. */
    public void place(Exchange exchange) throws InterruptedException {
        JsonNode request = readBody(exchange);
        HubCaller caller = HubCaller.of(exchange);
        // a signed-in customer may leave userId out; naming another user needs ADMIN or SERVICE
        String userId = request.hasNonNull("userId") || !caller.signedIn() ? requireId(request, "userId") : caller.userId();
        caller.requireActingFor(userId, "An order for user " + userId + " cannot be placed: that user");
        String shippingAddress = requireText(request, "shippingAddress", 500);
        String paymentMethodId = optionalPaymentMethod(request.path("paymentMethodId"));
        ArrayNode items = requireItems(request.path("items"));

        startAndAnswer(exchange, "ord-" + UUID.randomUUID(), userId, shippingAddress, paymentMethodId, items);
    }

    /**
     * Starts the order process for {@code orderId} and answers like {@code POST /api/orders}: the one way an order is
     * placed, whether by the API or by a cart's checkout. A second call for the same order id (a double click) does
     * not start a second process; it answers the first one's order.
     */
    public void startAndAnswer(Exchange exchange, String orderId, String userId, String shippingAddress,
                               String paymentMethodId, ArrayNode items) throws InterruptedException {
        if (HubCaller.of(exchange).isPrivileged()) {
            startAndAwait(exchange, orderId, userId, shippingAddress, paymentMethodId, items);
            return;
        }
        // the cap is checked and the order placed in the customer's turn, so parallel orders cannot all slip past it
        turns.inTurnOf(userId, () -> {
            if (outcomes.current(orderId).isEmpty()) {
                requireRoomForAnotherOrder(userId, items);
            }
            startAndAwait(exchange, orderId, userId, shippingAddress, paymentMethodId, items);
        });
    }

    private void startAndAwait(Exchange exchange, String orderId, String userId, String shippingAddress,
                               String paymentMethodId, ArrayNode items) throws InterruptedException {
        if (outcomes.claim(orderId)) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("userId", userId);
            variables.put("shippingAddress", shippingAddress);
            variables.put("paymentMethodId", paymentMethodId);
            variables.put("items", items.toString());
            try {
                runtime.startProcessInstanceByKey(PROCESS, orderId, variables);
            } catch (RuntimeException failed) {
                outcomes.unclaim(orderId);
                throw failed;
            }
        }
        Optional<Outcome> outcome = outcomes.awaitNewerThan(orderId, 0, settings.getResponseTimeoutMs());
        if (outcome.isEmpty()) {
            accepted(exchange, orderId, "PROCESSING", "The order is being placed; GET /api/orders/" + orderId + " shows the result.");
            return;
        }
        switch (outcome.get().state()) {
            case "REJECTED", "OUT_OF_STOCK" -> throw refusal(outcome.get());
            default -> respondWithOrder(exchange, orderId, 201);
        }
    }

    /** PUT /api/orders/{id}/confirm?paymentMethodId=: 200 CONFIRMED, 402 declined (still payable), 202 while retrying. */
    public void confirm(Exchange exchange) throws InterruptedException {
        String orderId = pathId(exchange);
        requireOwnOrder(exchange, orderId);
        String paymentMethodId = optionalPaymentMethod(json.getNodeFactory().textNode(
                exchange.getMessage().getHeader("paymentMethodId", String.class)));
        Map<String, Object> variables = new HashMap<>();
        if (paymentMethodId != null) {
            variables.put("paymentMethodId", paymentMethodId);
        }
        long deadline = deadline();
        Outcome before = known(orderId);
        while (!correlate(CONFIRM_REQUESTED, orderId, variables)) {
            switch (before.state()) {
                case "CONFIRMED", "AWAITING_DELIVERY", "COMPLETED" -> {
                    respondWithOrder(exchange, orderId, 200);
                    return;
                }
                case "CANCELLED", "OUT_OF_STOCK", "REJECTED" -> throw new ProblemException(409, ProblemCodes.ORDER_NOT_PENDING,
                        "Order " + orderId + " is cancelled and can no longer be paid.");
                // between two steps (e.g. another payment attempt is running): wait for it to come to rest
                default -> before = next(orderId, before, deadline);
            }
        }
        Optional<Outcome> after = awaitResult(orderId, before, deadline,
                o -> o.failure() != null || Set.of("CONFIRMED", "AWAITING_DELIVERY", "COMPLETED", "CANCELLED").contains(o.state()));
        if (after.isEmpty()) {
            accepted(exchange, orderId, "PAYMENT_PENDING", "The payment is being processed; GET /api/orders/" + orderId + " shows the result.");
            return;
        }
        switch (after.get().state()) {
            case "CONFIRMED", "AWAITING_DELIVERY", "COMPLETED" -> respondWithOrder(exchange, orderId, 200);
            case "AWAITING_PAYMENT" -> throw refusal(after.get());
            default -> throw new ProblemException(409, ProblemCodes.ORDER_NOT_PENDING,
                    "Order " + orderId + " is " + after.get().state().toLowerCase() + ".");
        }
    }

    /** PUT /api/orders/{id}/cancel: before payment releases stock; after payment refunds too; after shipment 409. */
    public void cancel(Exchange exchange) throws InterruptedException {
        String orderId = pathId(exchange);
        requireOwnOrder(exchange, orderId);
        String reason = Optional.ofNullable(exchange.getMessage().getHeader("reason", String.class))
                .filter(r -> !r.isBlank()).map(r -> r.length() > 200 ? r.substring(0, 200) : r)
                .orElse("cancelled by the customer");
        long deadline = deadline();
        Outcome before = known(orderId);
        while (!correlate(CANCEL_REQUESTED, orderId, Map.of("cancelReason", reason))) {
            switch (before.state()) {
                case "CANCELLED", "OUT_OF_STOCK" -> {
                    respondWithOrder(exchange, orderId, 200);
                    return;
                }
                case "COMPLETED" -> throw notCancellable(orderId);
                case "REJECTED" -> throw new ProblemException(404, ProblemCodes.ORDER_NOT_FOUND, "No order with id " + orderId + ".");
                // being fulfilled or paid right now: cancel once it comes to rest
                default -> before = next(orderId, before, deadline);
            }
        }
        Optional<Outcome> after = awaitResult(orderId, before, deadline,
                o -> o.failure() != null || Set.of("CANCELLED", "COMPLETED").contains(o.state()));
        if (after.isEmpty()) {
            accepted(exchange, orderId, "CANCELLING", "The order is being cancelled; GET /api/orders/" + orderId + " shows the result.");
            return;
        }
        if ("CANCELLED".equals(after.get().state())) {
            respondWithOrder(exchange, orderId, 200);
        } else if (after.get().failure() != null) {
            throw refusal(after.get());
        } else {
            throw notCancellable(orderId);
        }
    }

    /** GET /api/orders/{id}: the order as order-service keeps it; a customer's own orders only. */
    public void get(Exchange exchange) {
        String orderId = pathId(exchange);
        requireOwnOrder(exchange, orderId);
        respondWithOrder(exchange, orderId, 200);
    }

    /**
     * GET /api/orders?userId=&status=&page=&size=: passed to order-service, which validates the filters. A customer
     * sees their own orders only (userId defaults to theirs; another user's is 403).
     */
    public void list(Exchange exchange) {
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        HubCaller caller = HubCaller.of(exchange);
        if (!caller.isPrivileged()) {
            String userId = caller.requireSignedIn("Listing orders");
            String asked = exchange.getMessage().getHeader("userId", String.class);
            if (asked != null && !asked.equals(userId)) {
                caller.requireActingFor(asked, "The orders of user " + asked);
            }
            query = withUserId(query, userId);
        }
        Exchange answer = call("GET", "/api/orders", query);
        relay(exchange, answer);
    }

    // ---- who may do what -----------------------------------------------------------------------------------

    /** A customer reaches only their own orders (an order that cannot be found is 404 for them). */
    private void requireOwnOrder(Exchange exchange, String orderId) {
        HubCaller caller = HubCaller.of(exchange);
        if (caller.isPrivileged()) {
            return;
        }
        caller.requireSignedIn("This order command");
        Exchange answer = call("GET", "/api/orders/" + orderId, null);
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || status != 200) {
            throw new ProblemException(404, ProblemCodes.ORDER_NOT_FOUND, "No order with id " + orderId + ".");
        }
        caller.requireActingFor(readTree(answer.getMessage().getBody(String.class)).path("userId").asText(),
                "Order " + orderId);
    }

    /**
     * Nobody may hoard stock: a customer has at most {@code souk.order.max-open-orders} PENDING orders holding at most
     * {@code souk.order.max-open-units} reserved units together (409 TOO_MANY_OPEN_ORDERS; pay or cancel one first).
     */
    private void requireRoomForAnotherOrder(String userId, ArrayNode items) {
        Exchange answer = call("GET", "/api/orders", "userId=" + userId + "&status=PENDING&size=100");
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || status != 200) {
            throw new dev.souk.hub.errors.DownstreamUnavailableException("order-service",
                    "order-service answered " + status + " to the open orders of " + userId);
        }
        JsonNode open = readTree(answer.getMessage().getBody(String.class));
        long openOrders = open.path("totalElements").asLong(open.path("content").size());
        long openUnits = 0;
        for (JsonNode order : open.path("content")) {
            for (JsonNode item : order.path("items")) {
                openUnits += item.path("quantity").asLong();
            }
        }
        long newUnits = 0;
        for (JsonNode item : items) {
            newUnits += item.path("quantity").asLong();
        }
        if (openOrders >= settings.getMaxOpenOrders() || openUnits + newUnits > settings.getMaxOpenUnits()) {
            throw new ProblemException(409, ProblemCodes.TOO_MANY_OPEN_ORDERS, "User " + userId + " has " + openOrders
                    + " unpaid orders holding " + openUnits + " units; at most " + settings.getMaxOpenOrders()
                    + " orders and " + settings.getMaxOpenUnits() + " units may wait for payment. Pay or cancel one first.")
                    .with("openOrders", openOrders).with("openUnits", openUnits);
        }
    }

    private static String withUserId(String query, String userId) {
        StringBuilder rest = new StringBuilder();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty() && !pair.startsWith("userId=")) {
                    rest.append(pair).append('&');
                }
            }
        }
        return rest.append("userId=").append(userId).toString();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private Outcome known(String orderId) {
        return outcomes.current(orderId).orElseThrow(() ->
                new ProblemException(404, ProblemCodes.ORDER_NOT_FOUND, "No order with id " + orderId + "."));
    }

    private long deadline() {
        return System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(settings.getResponseTimeoutMs());
    }

    private static long remaining(long deadline) {
        return Math.max(0, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /**
     * The first outcome after {@code seen} that answers the command (a state the command leads to, or a failure);
     * outcomes recorded in between — e.g. the order reaching its waiting point just before the message arrived —
     * are passed over. Empty when none comes in time.
     */
    private Optional<Outcome> awaitResult(String orderId, Outcome seen, long deadline,
                                          java.util.function.Predicate<Outcome> answers) throws InterruptedException {
        Outcome last = seen;
        while (true) {
            Optional<Outcome> next = outcomes.awaitNewerThan(orderId, last.version(), remaining(deadline));
            if (next.isEmpty() || answers.test(next.get())) {
                return next;
            }
            last = next.get();
        }
    }

    /** The order's next resting state, or 409 ORDER_BUSY when it does not come to rest in time. */
    private Outcome next(String orderId, Outcome seen, long deadline) throws InterruptedException {
        return outcomes.awaitNewerThan(orderId, seen.version(), remaining(deadline)).orElseThrow(() -> busy(orderId));
    }

    private boolean correlate(String message, String orderId, Map<String, Object> variables) {
        try {
            runtime.createMessageCorrelation(message).processInstanceBusinessKey(orderId).setVariables(variables)
                    .correlateWithResult();
            return true;
        } catch (MismatchingMessageCorrelationException notWaiting) {
            return false;
        }
    }

    private ProblemException refusal(Outcome outcome) {
        JsonNode failure = readTree(outcome.failure());
        ProblemException problem = new ProblemException(failure.path("status").asInt(409),
                failure.path("code").asText(ProblemCodes.CONFLICT), failure.path("detail").asText());
        failure.fields().forEachRemaining(field -> {
            if (!Set.of("status", "code", "detail").contains(field.getKey())) {
                problem.with(field.getKey(), field.getValue());
            }
        });
        return problem;
    }

    private static ProblemException busy(String orderId) {
        return new ProblemException(409, "ORDER_BUSY", "Order " + orderId + " is between two steps; retry in a moment.")
                .retryAfter(BUSY_RETRY_AFTER_SECONDS);
    }

    private static ProblemException notCancellable(String orderId) {
        return new ProblemException(409, ProblemCodes.ORDER_NOT_CANCELLABLE,
                "Order " + orderId + " has shipped or is delivered and can no longer be cancelled.");
    }

    private void respondWithOrder(Exchange exchange, String orderId, int successStatus) {
        Exchange answer = call("GET", "/api/orders/" + orderId, null);
        relay(exchange, answer);
        if (answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class) == 200) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, successStatus);
            if (successStatus == 201) {
                exchange.getMessage().setHeader("Location", "/api/orders/" + orderId);
            }
        }
    }

    private void accepted(Exchange exchange, String orderId, String status, String detail) {
        ObjectNode body = json.createObjectNode().put("id", orderId).put("status", status).put("detail", detail);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader("Location", "/api/orders/" + orderId);
        exchange.getMessage().setBody(body.toString());
    }

    private Exchange call(String method, String path, String query) {
        Exchange answer = producer.request(ServiceCallRoutes.callOf("order-service"), ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_METHOD, method);
            ex.getMessage().setHeader(Exchange.HTTP_PATH, path);
            if (query != null) {
                ex.getMessage().setHeader(Exchange.HTTP_QUERY, query);
            }
        });
        if (answer.getException() instanceof RuntimeException failure) {
            throw failure;
        }
        return answer;
    }

    /** Status, content type and body of the order-service answer (problem+json included) go back unchanged. */
    private static void relay(Exchange exchange, Exchange answer) {
        Object status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE);
        Object contentType = answer.getMessage().getHeader(Exchange.CONTENT_TYPE);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType == null ? "application/json" : contentType);
        exchange.getMessage().setBody(answer.getMessage().getBody(String.class));
    }

    private static String pathId(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidRequestException("Order id must be 1 to 64 letters, digits, '_', '.', ':' or '-'.");
        }
        return id;
    }

    private JsonNode readBody(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        try {
            JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ProblemException(400, ProblemCodes.MALFORMED_JSON, "The request body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, ProblemCodes.MALFORMED_JSON, "The request body is not valid JSON.");
        }
    }

    public static String requireId(JsonNode node, String field) {
        String value = node.path(field).isTextual() ? node.path(field).asText() : null;
        if (value == null || !ID.matcher(value).matches()) {
            throw new InvalidRequestException(field + " is required: 1 to 64 letters, digits, '_', '.', ':' or '-'.");
        }
        return value;
    }

    public static String requireText(JsonNode node, String field, int maxLength) {
        String value = node.path(field).isTextual() ? node.path(field).asText().strip() : "";
        if (value.isEmpty() || value.length() > maxLength) {
            throw new InvalidRequestException(field + " is required, at most " + maxLength + " characters.");
        }
        return value;
    }

    public static String optionalPaymentMethod(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || !PAYMENT_METHOD_ID.matcher(node.asText()).matches()) {
            throw new InvalidRequestException("paymentMethodId must be 1 to 100 letters, digits, '_', '.' or '-'.");
        }
        return node.asText();
    }

    public ArrayNode requireItems(JsonNode items) {
        if (!items.isArray() || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new InvalidRequestException("items must list 1 to " + MAX_ITEMS + " products.");
        }
        ArrayNode clean = json.createArrayNode();
        for (JsonNode item : items) {
            JsonNode quantity = item.path("quantity");
            if (!quantity.canConvertToInt() || !quantity.isIntegralNumber() || quantity.asInt() < 1 || quantity.asInt() > MAX_QUANTITY) {
                throw new InvalidRequestException("Every item needs a quantity from 1 to " + MAX_QUANTITY + ".");
            }
            // only what the customer may choose; prices come from the catalog
            clean.addObject().put("productId", requireId(item, "productId"))
                    .put("variantId", requireId(item, "variantId"))
                    .put("quantity", quantity.asInt());
        }
        return clean;
    }

    private JsonNode readTree(String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }
}
