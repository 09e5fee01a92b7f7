package dev.souk.hub.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.contracts.ProblemCodes;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.process.BusinessFailure;

/**
 * Prices an order's lines with the catalog's current prices: every line names a product that is for sale and one
 * of its variants, all in one currency. Pure: the products come from the route that fetched them.
 */
public final class OrderPricing {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderPricing() {
    }

    /** The distinct products the lines name, each fetched once. */
    public static List<String> productIds(@Variable("items") String items) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        lines(items).forEach(line -> ids.add(line.path("productId").asText()));
        return new ArrayList<>(ids);
    }

    /** A product as product-service answered it; none (a missing node) when it does not exist. */
    public static JsonNode productOrNone(Exchange exchange) {
        return DownstreamAnswers.status(exchange) == 404 ? JSON.missingNode() : DownstreamAnswers.json(exchange);
    }

    /**
     * Sets the variables {@code pricedItems} (the lines with name and unit price, as JSON) and {@code currency};
     * {@code products} are those of {@link #productIds}, in that order. A product that is not for sale, a variant it
     * does not have, or a second currency refuses the order (422 PRODUCT_UNAVAILABLE).
     */
    public static void price(@Variable("items") String items, @Body List<JsonNode> products, Exchange exchange)
            throws JsonProcessingException {
        List<String> ids = productIds(items);
        Map<String, JsonNode> productById = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            productById.put(ids.get(i), products.get(i));
        }
        List<OrderRequests.PricedLine> priced = new ArrayList<>();
        String currency = null;
        for (JsonNode line : lines(items)) {
            String productId = line.path("productId").asText();
            String variantId = line.path("variantId").asText();
            JsonNode product = productById.get(productId);
            if (product == null || !product.path("active").asBoolean()) {
                throw unavailable("Product " + productId + " is not for sale.").with("productId", productId);
            }
            JsonNode variant = variantOf(product, variantId);
            if (variant == null) {
                throw unavailable("Product " + productId + " has no variant " + variantId + ".")
                        .with("productId", productId).with("variantId", variantId);
            }
            String productCurrency = product.path("currency").asText();
            if (currency != null && !currency.equals(productCurrency)) {
                throw unavailable("One order cannot mix currencies (" + currency + ", " + productCurrency + ").");
            }
            currency = productCurrency;
            BigDecimal unitPrice = variant.path("price").decimalValue();
            priced.add(new OrderRequests.PricedLine(productId, variantId,
                    product.path("name").asText() + " — " + variant.path("name").asText(), unitPrice,
                    line.path("quantity").asInt()));
        }
        exchange.setVariable("pricedItems", JSON.writeValueAsString(priced));
        exchange.setVariable("currency", currency);
    }

    static JsonNode variantOf(JsonNode product, String variantId) {
        for (JsonNode variant : product.path("variants")) {
            if (variantId.equals(variant.path("id").asText())) {
                return variant;
            }
        }
        return null;
    }

    private static JsonNode lines(String items) {
        try {
            return JSON.readTree(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The process holds unreadable lines: " + e.getOriginalMessage(), e);
        }
    }

    private static BusinessFailure unavailable(String detail) {
        return new BusinessFailure(422, ProblemCodes.PRODUCT_UNAVAILABLE, detail);
    }
}
