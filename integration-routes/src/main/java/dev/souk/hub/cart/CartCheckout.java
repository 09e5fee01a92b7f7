package dev.souk.hub.cart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;

import com.fasterxml.jackson.databind.JsonNode;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.api.Checkout;
import dev.souk.contracts.api.OrderLine;
import dev.souk.contracts.api.PlaceOrder;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.errors.ProblemException;
import dev.souk.hub.security.HubCaller;

/** The rules of a checkout: which order a cart becomes, and under which id. Pure: no calls. */
public final class CartCheckout {

    private CartCheckout() {
    }

    /**
     * The order id of the cart as it is now: the same cart at the same version is the same order, so a double click
     * places one order. 409 CART_EMPTY for an empty cart.
     */
    public static String orderIdOf(Exchange cart) {
        JsonNode answer = CartLines.cartOf(cart);
        if (answer.path("id").isMissingNode() || answer.path("id").isNull() || answer.path("items").isEmpty()) {
            throw new ProblemException(409, ProblemCodes.CART_EMPTY, "The cart is empty.");
        }
        return "ord-" + answer.path("id").asText() + "-v" + answer.path("version").asLong();
    }

    /** The body handing the cart to (or back from) the checkout of {@code orderId}. */
    public static Map<String, String> handOver(@Variable("orderId") String orderId) {
        return Map.of("checkoutId", orderId);
    }

    /** The order the handed-over cart becomes, for the signed-in caller. */
    public static PlaceOrder placement(@Variable("checkout") Checkout checkout, Exchange handedOver,
                                       @ExchangeProperty(HubCaller.PROPERTY) HubCaller caller) {
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode item : DownstreamAnswers.tree(handedOver).path("items")) {
            lines.add(new OrderLine(item.path("productId").asText(), item.path("variantId").asText(),
                    item.path("quantity").asInt()));
        }
        return new PlaceOrder(caller.userId(), checkout.shippingAddress(), checkout.paymentMethodId(), lines);
    }

    /** After the cart was given back: the order's refusal is the checkout's answer. */
    public static void refuse(@Variable("refusal") ProblemException refusal) {
        throw refusal;
    }
}
