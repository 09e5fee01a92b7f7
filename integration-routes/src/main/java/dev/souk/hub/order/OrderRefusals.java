package dev.souk.hub.order;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;

import com.fasterxml.jackson.databind.JsonNode;

import dev.souk.contracts.ProblemCodes;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.process.BusinessFailure;
import dev.souk.hub.process.CamelStepDelegate;

/**
 * The business refusals of the order process's steps, as the customer will see them. Pure: they only read the answer
 * the step got.
 */
public final class OrderRefusals {

    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance", "code");

    private OrderRefusals() {
    }

    /** A service's refusal (its problem+json) passed on as the step's: status, code, detail and every extension member. */
    public static void refusal(Exchange exchange) {
        JsonNode problem = DownstreamAnswers.tree(exchange);
        BusinessFailure refusal = new BusinessFailure(DownstreamAnswers.status(exchange), problem.path("code").asText(),
                problem.path("detail").asText("Refused."));
        for (Iterator<Map.Entry<String, JsonNode>> members = problem.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            if (!STANDARD_MEMBERS.contains(member.getKey())) {
                refusal.with(member.getKey(), member.getValue());
            }
        }
        throw refusal;
    }

    public static void userNotFound(@Variable("userId") String userId) {
        throw new BusinessFailure(404, ProblemCodes.USER_NOT_FOUND, "No user with id " + userId + ".");
    }

    public static void shipped(@ExchangeProperty(CamelStepDelegate.BUSINESS_KEY) String orderId) {
        throw new BusinessFailure(409, ProblemCodes.ORDER_NOT_CANCELLABLE,
                "Order " + orderId + " has already shipped and can no longer be cancelled.");
    }
}
