package dev.souk.hub.order;

import java.util.Map;
import java.util.UUID;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.api.PlaceOrder;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.errors.InvalidRequestException;
import dev.souk.hub.errors.ProblemException;
import dev.souk.hub.security.HubCaller;

/**
 * Who may do what with an order, decided from the verified caller alone: a customer places, reads, lists, pays and
 * cancels their own orders; ADMIN and SERVICE act for anyone.
 */
public final class OrderRules {

    private static final int MAX_REASON = 200;

    private OrderRules() {
    }

    /** A new order's id: the hub's, never the client's. */
    public static String newOrderId() {
        return "ord-" + UUID.randomUUID();
    }

    /**
     * The order as it will be placed: for the signed-in customer when {@code userId} is left out; naming another user
     * needs ADMIN or SERVICE (403), and an administrator must name someone.
     */
    public static PlaceOrder placedBy(@Body PlaceOrder order, @ExchangeProperty(HubCaller.PROPERTY) HubCaller caller) {
        String userId = order.userId() != null || !caller.signedIn() ? order.userId() : caller.userId();
        if (userId == null) {
            throw new InvalidRequestException("userId is required for an order placed by staff.");
        }
        caller.requireActingFor(userId, "An order for user " + userId + " cannot be placed: that user");
        return order.forUser(userId);
    }

    /** Only customers are checked against the order's owner; ADMIN and SERVICE may act on any order. */
    public static boolean ownerMatters(@ExchangeProperty(HubCaller.PROPERTY) HubCaller caller) {
        return !caller.isPrivileged();
    }

    /**
     * After order-service answered {@code GET /api/orders/{id}}: a customer reaches only their own orders (one that
     * cannot be read is 404 for them, another user's 403); staff get order-service's answer as it is.
     */
    public static void requireVisible(Exchange exchange) {
        HubCaller caller = HubCaller.of(exchange);
        if (caller.isPrivileged()) {
            return;
        }
        String orderId = exchange.getVariable("orderId", String.class);
        if (DownstreamAnswers.status(exchange) != 200) {
            throw orderNotFound(orderId);
        }
        caller.requireActingFor(DownstreamAnswers.tree(exchange).path("userId").asText(), "Order " + orderId);
    }

    /**
     * The query of {@code GET /api/orders}: only the filters order-service knows; a customer's own orders only
     * ({@code userId} defaults to theirs, another user's is 403).
     */
    public static String listQuery(@Header(Exchange.HTTP_QUERY) String query,
                                   @ExchangeProperty(HubCaller.PROPERTY) HubCaller caller) {
        Map<String, String> filters = ListQuery.parse(query);
        if (!caller.isPrivileged()) {
            String userId = caller.requireSignedIn("Listing orders");
            String asked = filters.get("userId");
            if (asked != null && !asked.equals(userId)) {
                caller.requireActingFor(asked, "The orders of user " + asked);
            }
            filters.put("userId", userId);
        }
        return ListQuery.format(filters);
    }

    /** {@code ?reason=} of a cancellation: at most 200 characters, "cancelled by the customer" when absent. */
    public static String cancelReason(@Header("reason") String reason) {
        if (reason == null || reason.isBlank()) {
            return "cancelled by the customer";
        }
        String stripped = reason.strip();
        return stripped.length() > MAX_REASON ? stripped.substring(0, MAX_REASON) : stripped;
    }

    static ProblemException orderNotFound(String orderId) {
        return new ProblemException(404, ProblemCodes.ORDER_NOT_FOUND, "No order with id " + orderId + ".");
    }
}
