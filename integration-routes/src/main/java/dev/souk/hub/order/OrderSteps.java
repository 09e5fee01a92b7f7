package dev.souk.hub.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.souk.contracts.ProblemCodes;
import dev.souk.hub.downstream.DownstreamCalls;
import dev.souk.hub.downstream.ServiceCallRoutes;
import dev.souk.hub.errors.DownstreamRejectedException;
import dev.souk.hub.process.BusinessFailure;
import dev.souk.hub.process.CamelStepDelegate;

/**
 * What each step of the order process sends to a domain service and how it reads the answer. Requests are built
 * from the process variables; business refusals become {@link BusinessFailure}s for the model, anything unexpected
 * is a technical failure the engine retries.
 */
@Component("orderSteps")
public class OrderSteps {

    static final String PAYMENT_METHOD = "CREDIT_CARD";

    private final ObjectMapper json;
    private final ProducerTemplate producer;

    public OrderSteps(ObjectMapper json, ProducerTemplate producer) {
        this.json = json;
        this.producer = producer;
    }

    // ---- requests -------------------------------------------------------------------------------------------

    public void userExistsRequest(Exchange exchange) {
        request(exchange, "GET", "/api/users/" + variable(exchange, "userId") + "/exists", null);
    }

    public void createOrderRequest(Exchange exchange) {
        ObjectNode body = json.createObjectNode();
        body.put("orderId", orderId(exchange));
        body.put("userId", variable(exchange, "userId"));
        body.put("shippingAddress", variable(exchange, "shippingAddress"));
        body.put("paymentMethodId", variable(exchange, "paymentMethodId"));
        body.put("currency", variable(exchange, "currency"));
        body.set("items", readTree(variable(exchange, "pricedItems")));
        request(exchange, "POST", "/api/orders", body);
    }

    public void reserveRequest(Exchange exchange) {
        ObjectNode body = json.createObjectNode();
        body.put("orderId", orderId(exchange));
        ArrayNode items = body.putArray("items");
        for (JsonNode item : readTree(variable(exchange, "items"))) {
            items.addObject().put("productId", item.path("productId").asText())
                    .put("variantId", item.path("variantId").asText())
                    .put("quantity", item.path("quantity").asInt());
        }
        request(exchange, "POST", "/api/inventory/reserve", body);
    }

    public void chargeRequest(Exchange exchange) {
        ObjectNode body = json.createObjectNode();
        body.put("orderId", orderId(exchange));
        body.put("userId", variable(exchange, "userId"));
        body.put("amount", new BigDecimal(variable(exchange, "total")));
        body.put("paymentMethod", PAYMENT_METHOD);
        body.put("paymentMethodId", variable(exchange, "paymentMethodId"));
        request(exchange, "POST", "/api/payments", body);
    }

    public void confirmOrderRequest(Exchange exchange) {
        request(exchange, "POST", "/api/orders/" + orderId(exchange) + "/confirm",
                json.createObjectNode().put("paymentId", variable(exchange, "paymentId")));
    }

    public void commitStockRequest(Exchange exchange) {
        request(exchange, "POST", "/api/inventory/commit", json.createObjectNode().put("orderId", orderId(exchange)));
    }

    public void createShipmentRequest(Exchange exchange) {
        request(exchange, "POST", "/api/delivery/shipments", json.createObjectNode()
                .put("orderId", orderId(exchange))
                .put("userId", variable(exchange, "userId"))
                .put("shippingAddress", variable(exchange, "shippingAddress")));
    }

    public void cancelShipmentRequest(Exchange exchange) {
        request(exchange, "POST", "/api/delivery/" + orderId(exchange) + "/cancel",
                json.createObjectNode().put("reason", cancelReason(exchange)));
    }

    public void refundRequest(Exchange exchange) {
        request(exchange, "POST", "/api/payments/refund", json.createObjectNode()
                .put("orderId", orderId(exchange)).put("reason", cancelReason(exchange)));
    }

    public void releaseStockRequest(Exchange exchange) {
        request(exchange, "POST", "/api/inventory/release", json.createObjectNode().put("orderId", orderId(exchange)));
    }

    public void cancelOrderRequest(Exchange exchange) {
        request(exchange, "POST", "/api/orders/" + orderId(exchange) + "/cancel",
                json.createObjectNode().put("reason", cancelReason(exchange)));
    }

    public void completeOrderRequest(Exchange exchange) {
        request(exchange, "POST", "/api/orders/" + orderId(exchange) + "/complete",
                json.createObjectNode().put("reason", "delivered"));
    }

    // ---- answers --------------------------------------------------------------------------------------------

    public void userExists(Exchange exchange) {
        requireSuccess(exchange, "user-service");
        if (!"true".equals(exchange.getMessage().getBody(String.class).strip())) {
            throw new BusinessFailure(404, ProblemCodes.USER_NOT_FOUND,
                    "No user with id " + variable(exchange, "userId") + ".");
        }
    }

    /** Fetches every distinct product once and prices the requested lines with the catalog's current prices. */
    public void priceItems(Exchange exchange) {
        Map<String, JsonNode> products = new LinkedHashMap<>();
        List<Map<String, Object>> priced = new ArrayList<>();
        String currency = null;
        for (JsonNode item : readTree(variable(exchange, "items"))) {
            String productId = item.path("productId").asText();
            String variantId = item.path("variantId").asText();
            JsonNode product = products.computeIfAbsent(productId, this::fetchProduct);
            if (product == null || !product.path("active").asBoolean()) {
                throw new BusinessFailure(422, "PRODUCT_UNAVAILABLE", "Product " + productId + " is not for sale.")
                        .with("productId", productId);
            }
            JsonNode variant = variantOf(product, variantId);
            if (variant == null) {
                throw new BusinessFailure(422, "PRODUCT_UNAVAILABLE", "Product " + productId + " has no variant " + variantId + ".")
                        .with("productId", productId).with("variantId", variantId);
            }
            String productCurrency = product.path("currency").asText();
            if (currency != null && !currency.equals(productCurrency)) {
                throw new BusinessFailure(422, "PRODUCT_UNAVAILABLE", "One order cannot mix currencies (" + currency + ", " + productCurrency + ").");
            }
            currency = productCurrency;
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("productId", productId);
            line.put("variantId", variantId);
            line.put("name", product.path("name").asText() + " — " + variant.path("name").asText());
            line.put("unitPrice", variant.path("price").decimalValue());
            line.put("quantity", item.path("quantity").asInt());
            priced.add(line);
        }
        output(exchange, "pricedItems", writeJson(priced));
        output(exchange, "currency", currency);
    }

    public void orderCreated(Exchange exchange) {
        requireSuccess(exchange, "order-service");
        output(exchange, "total", body(exchange).path("total").decimalValue().toPlainString());
    }

    public void stockReserved(Exchange exchange) {
        if (status(exchange) == 409 && ProblemCodes.OUT_OF_STOCK.equals(body(exchange).path("code").asText())) {
            JsonNode problem = body(exchange);
            throw new BusinessFailure(409, ProblemCodes.OUT_OF_STOCK, problem.path("detail").asText("Not enough stock."))
                    .with("shortItems", problem.path("shortItems"));
        }
        requireSuccess(exchange, "inventory-service");
    }

    public void paymentCharged(Exchange exchange) {
        if (status(exchange) == 402) {
            JsonNode problem = body(exchange);
            throw new BusinessFailure(402, ProblemCodes.PAYMENT_DECLINED, problem.path("detail").asText("The payment was declined."))
                    .with("paymentId", problem.path("paymentId").asText(null))
                    .with("declineReason", problem.path("declineReason").asText(null));
        }
        requireSuccess(exchange, "payment-service");
        output(exchange, "paymentId", body(exchange).path("id").asText());
    }

    /** A shipment that is already on its way cannot be called back; no shipment yet means nothing to cancel. */
    public void shipmentCancelled(Exchange exchange) {
        if (status(exchange) == 409) {
            throw new BusinessFailure(409, ProblemCodes.ORDER_NOT_CANCELLABLE,
                    "Order " + orderId(exchange) + " has already shipped and can no longer be cancelled.");
        }
        requireSuccessOrAbsent(exchange, "delivery-service");
    }

    /** Nothing to refund (the payment never completed) is fine for a compensation. */
    public void refunded(Exchange exchange) {
        requireSuccessOrAbsent(exchange, "payment-service");
    }

    public void done(Exchange exchange) {
        requireSuccess(exchange, exchange.getProperty(DownstreamCalls.SERVICE, String.class));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private JsonNode fetchProduct(String productId) {
        Exchange answer = producer.request(ServiceCallRoutes.callOf("product-service"), ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            ex.getMessage().setHeader(Exchange.HTTP_PATH, "/api/products/" + productId);
        });
        if (answer.getException() != null) {
            throw new IllegalStateException(answer.getException().getMessage(), answer.getException());
        }
        if (status(answer) == 404) {
            return null;
        }
        requireSuccess(answer, "product-service");
        return body(answer);
    }

    private static JsonNode variantOf(JsonNode product, String variantId) {
        for (JsonNode variant : product.path("variants")) {
            if (variantId.equals(variant.path("id").asText())) {
                return variant;
            }
        }
        return null;
    }

    private void request(Exchange exchange, String method, String path, JsonNode body) {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, method);
        message.setHeader(Exchange.HTTP_PATH, path);
        if (body != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(writeJson(body));
        } else {
            message.setBody(null);
        }
    }

    private static void requireSuccess(Exchange exchange, String service) {
        int status = status(exchange);
        if (status < 200 || status > 299) {
            throw new DownstreamRejectedException(service + " answered " + status + ": " + exchange.getMessage().getBody(String.class));
        }
    }

    private static void requireSuccessOrAbsent(Exchange exchange, String service) {
        if (status(exchange) != 404) {
            requireSuccess(exchange, service);
        }
    }

    private static int status(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? 0 : status;
    }

    private JsonNode body(Exchange exchange) {
        return readTree(exchange.getMessage().getBody(String.class));
    }

    private static String orderId(Exchange exchange) {
        return exchange.getProperty(CamelStepDelegate.BUSINESS_KEY, String.class);
    }

    @SuppressWarnings("unchecked")
    private static String variable(Exchange exchange, String name) {
        Object value = exchange.getProperty(CamelStepDelegate.VARIABLES, Map.class).get(name);
        return value == null ? null : value.toString();
    }

    private static String cancelReason(Exchange exchange) {
        String reason = variable(exchange, "cancelReason");
        if (reason != null) {
            return reason;
        }
        return variable(exchange, CamelStepDelegate.LAST_FAILURE) != null ? "out of stock" : "cancelled";
    }

    @SuppressWarnings("unchecked")
    private static void output(Exchange exchange, String name, Object value) {
        exchange.getProperty(CamelStepDelegate.OUTPUT, Map.class).put(name, value);
    }

    private JsonNode readTree(String text) {
        try {
            return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DownstreamRejectedException("Unreadable JSON: " + e.getOriginalMessage());
        }
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
