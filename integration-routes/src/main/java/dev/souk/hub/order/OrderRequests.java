package dev.souk.hub.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.process.CamelStepDelegate;

/**
 * What each step of the order process asks a service, built from the process variables: request bodies as the
 * services' APIs define them. Pure: no calls, no state.
 */
@Component("orderRequests")
public class OrderRequests {

    static final String PAYMENT_METHOD = "CREDIT_CARD";

    private final OrderProcessSettings settings;
    private final ObjectMapper json;

    public OrderRequests(OrderProcessSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    record Line(String productId, String variantId, int quantity) {
    }

    record PricedLine(String productId, String variantId, String name, BigDecimal unitPrice, int quantity) {
    }

    record OpenOrderLimits(int maxOpenOrders, int maxOpenUnits) {
    }

    record Placement(String orderId, String userId, String shippingAddress, String paymentMethodId, String currency,
                     List<PricedLine> items, OpenOrderLimits openOrderLimits) {
    }

    record Reservation(String orderId, List<Line> items) {
    }

    record Payment(String orderId, String userId, BigDecimal amount, String paymentMethod, String paymentMethodId) {
    }

    record Shipment(String orderId, String userId, String shippingAddress) {
    }

    /** {@code POST /api/orders} on order-service: the order PENDING with catalog prices; a customer's limits. */
    public Placement placement(@ExchangeProperty(CamelStepDelegate.BUSINESS_KEY) String orderId,
                               @Variable("userId") String userId, @Variable("shippingAddress") String shippingAddress,
                               @Variable("paymentMethodId") String paymentMethodId, @Variable("currency") String currency,
                               @Variable("pricedItems") String pricedItems, @Variable("capOpenOrders") Boolean cap) {
        OpenOrderLimits limits = Boolean.TRUE.equals(cap)
                ? new OpenOrderLimits(settings.getMaxOpenOrders(), settings.getMaxOpenUnits()) : null;
        return new Placement(orderId, userId, shippingAddress, paymentMethodId, currency,
                read(pricedItems, PricedLine[].class), limits);
    }

    /** {@code POST /api/inventory/reserve}: every line at once. */
    public Reservation reservation(@ExchangeProperty(CamelStepDelegate.BUSINESS_KEY) String orderId,
                                   @Variable("pricedItems") String pricedItems) {
        return new Reservation(orderId, read(pricedItems, PricedLine[].class).stream()
                .map(line -> new Line(line.productId(), line.variantId(), line.quantity())).toList());
    }

    /** {@code POST /api/payments}: the order's total. */
    public Payment payment(@ExchangeProperty(CamelStepDelegate.BUSINESS_KEY) String orderId,
                           @Variable("userId") String userId, @Variable("total") String total,
                           @Variable("paymentMethodId") String paymentMethodId) {
        return new Payment(orderId, userId, new BigDecimal(total), PAYMENT_METHOD, paymentMethodId);
    }

    /** {@code POST /api/delivery/shipments}. */
    public Shipment shipment(@ExchangeProperty(CamelStepDelegate.BUSINESS_KEY) String orderId,
                             @Variable("userId") String userId, @Variable("shippingAddress") String shippingAddress) {
        return new Shipment(orderId, userId, shippingAddress);
    }

    /** A body naming only the order: commit, release, refund. */
    public Map<String, String> order(@ExchangeProperty(CamelStepDelegate.BUSINESS_KEY) String orderId) {
        return Map.of("orderId", orderId);
    }

    /** Why the order is cancelled: the customer's reason, the payment window, or what the model set on the way. */
    public Map<String, String> cancellation(@ExchangeProperty(CamelStepDelegate.BUSINESS_KEY) String orderId,
                                            @Variable("cancelReason") String reason) {
        return Map.of("orderId", orderId, "reason", reason == null ? "cancelled" : reason);
    }

    public Map<String, String> confirmation(@Variable("paymentId") String paymentId) {
        return Map.of("paymentId", paymentId);
    }

    public Map<String, String> completion() {
        return Map.of("reason", "delivered");
    }

    /** The total of the order order-service created, as text: process variables hold plain values only. */
    public static String totalOf(Exchange answer) {
        return DownstreamAnswers.tree(answer).path("total").decimalValue().toPlainString();
    }

    /** The id of the payment payment-service made. */
    public static String paymentIdOf(Exchange answer) {
        return DownstreamAnswers.tree(answer).path("id").asText();
    }

    private <T> List<T> read(String text, Class<T[]> type) {
        try {
            return List.of(json.readValue(text, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The process holds unreadable lines: " + e.getOriginalMessage(), e);
        }
    }
}
