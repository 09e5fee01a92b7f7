package dev.souk.hub.order;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.contracts.ProblemCodes;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.errors.ProblemException;
import dev.souk.hub.order.OrderProcess.Answer;

/**
 * What the HTTP caller of an order command is answered: the process's {@link Answer}, or — once the process is past
 * the point the command leads to — the order as order-service has it, judged for that command.
 */
public final class OrderAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderAnswers() {
    }

    public static boolean needsRecord(Exchange exchange) {
        return exchange.getMessage().getBody(Answer.class).needsRecord();
    }

    /** The answer of the process: the order with its status (201 with Location for a placement), or 202. */
    public static void respond(Exchange exchange) throws JsonProcessingException {
        Answer answer = exchange.getMessage().getBody(Answer.class);
        String orderId = exchange.getVariable("orderId", String.class);
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (answer.status() == 201 || answer.status() == 202) {
            message.setHeader("Location", "/api/orders/" + orderId);
        }
        message.setBody(answer.accepted() != null ? JSON.writeValueAsString(answer.accepted()) : answer.order());
    }

    /** A placement whose process is past its reservation (a repeated checkout, or a job on another node). */
    public static void placedFromRecord(Exchange exchange) {
        String orderId = exchange.getVariable("orderId", String.class);
        switch (statusOf(exchange, orderId)) {
            case "CANCELLED" -> throw new ProblemException(409, ProblemCodes.OUT_OF_STOCK,
                    "Order " + orderId + " could not be reserved and was cancelled.");
            default -> created(exchange, orderId);
        }
    }

    /** A payment for an order that is paid already, or whose process is over. */
    public static void confirmedFromRecord(Exchange exchange) {
        String orderId = exchange.getVariable("orderId", String.class);
        switch (statusOf(exchange, orderId)) {
            case "CONFIRMED", "COMPLETED" -> ok(exchange);
            case "CANCELLED" -> throw new ProblemException(409, ProblemCodes.ORDER_NOT_PENDING,
                    "Order " + orderId + " is cancelled and can no longer be paid.");
            default -> throw busy(orderId);
        }
    }

    /** A cancellation of an order whose process is over. */
    public static void cancelledFromRecord(Exchange exchange) {
        String orderId = exchange.getVariable("orderId", String.class);
        switch (statusOf(exchange, orderId)) {
            case "CANCELLED" -> ok(exchange);
            case "COMPLETED", "CONFIRMED" -> throw new ProblemException(409, ProblemCodes.ORDER_NOT_CANCELLABLE,
                    "Order " + orderId + " has shipped or is delivered and can no longer be cancelled.");
            default -> throw busy(orderId);
        }
    }

    private static String statusOf(Exchange exchange, String orderId) {
        if (DownstreamAnswers.status(exchange) == 404) {
            throw OrderRules.orderNotFound(orderId);
        }
        DownstreamAnswers.requireSuccess(exchange);
        JsonNode order = DownstreamAnswers.tree(exchange);
        return order.path("status").asText();
    }

    private static void ok(Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
    }

    private static void created(Exchange exchange, String orderId) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        exchange.getMessage().setHeader("Location", "/api/orders/" + orderId);
    }

    private static ProblemException busy(String orderId) {
        return new ProblemException(409, ProblemCodes.ORDER_BUSY,
                "Order " + orderId + " is between two steps; retry in a moment.").retryAfter(1);
    }
}
