package dev.souk.hub.cart;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.api.AddCartItem;
import dev.souk.contracts.api.ChangeCartItem;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.errors.ProblemException;
import dev.souk.hub.security.HubCaller;
import dev.souk.security.Roles;

/**
 * The cart's rules, decided from what the routes fetched: whose cart it is, what a new line says (the catalog's name
 * and price), whether stock backs it, and how a line is marked when the cart is read. Pure: no calls.
 */
public final class CartLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CartLines() {
    }

    /** The cart is the verified caller's (a service has none of its own)... */
    public static String ownerOf(@ExchangeProperty(HubCaller.PROPERTY) HubCaller caller) {
        return caller == null || caller.roles().contains(Roles.SERVICE) ? null : caller.userId();
    }

    /** ...or the guest cart the request names in its own X-Cart-Id header. */
    public static String guestCartOf(@ExchangeProperty(HubCaller.PROPERTY) HubCaller caller) {
        return caller == null ? null : caller.cartId();
    }

    /** The line cart-service keeps for {@code item}: the product must be for sale and have the variant. */
    public static ObjectNode newLine(@Variable("item") AddCartItem item, @Variable("product") JsonNode product) {
        JsonNode variant = variantForSale(product, item.variantId());
        ObjectNode line = JSON.createObjectNode()
                .put("productId", item.productId()).put("variantId", item.variantId())
                .put("name", product.path("name").asText() + " — " + variant.path("name").asText())
                .put("currency", product.path("currency").asText())
                .put("quantity", item.quantity());
        line.set("unitPrice", variant.path("price"));
        return line;
    }

    /** Units of {@code item}'s variant the cart will hold once it is added: what it has plus the new ones. */
    public static int unitsAfterAdding(@Variable("item") AddCartItem item, Exchange cart) {
        for (JsonNode line : cartOf(cart).path("items")) {
            if (item.productId().equals(line.path("productId").asText()) && item.variantId().equals(line.path("variantId").asText())) {
                return line.path("quantity").asInt() + item.quantity();
            }
        }
        return item.quantity();
    }

    /** The line {@code itemId} of the cart; 404 CART_ITEM_NOT_FOUND when it has none. */
    public static JsonNode lineOf(@Variable("itemId") String itemId, Exchange cart) {
        for (JsonNode line : cartOf(cart).path("items")) {
            if (itemId.equals(line.path("itemId").asText())) {
                return line;
            }
        }
        throw new ProblemException(404, ProblemCodes.CART_ITEM_NOT_FOUND, "The cart has no item " + itemId + ".");
    }

    /** The query of {@code GET /api/inventory/check} for {@code units} of a variant. */
    public static String stockQuery(String productId, String variantId, int units) {
        return "productId=" + productId + "&variantId=" + variantId + "&quantity=" + units;
    }

    /** Stock for a cart line as it is. */
    public static String stockQueryOf(@Variable("line") JsonNode line) {
        return stockQuery(line.path("productId").asText(), line.path("variantId").asText(), line.path("quantity").asInt());
    }

    /** Stock for a cart line with its new quantity. */
    public static String stockQueryOfChange(@Variable("line") JsonNode line, @Variable("change") ChangeCartItem change) {
        return stockQuery(line.path("productId").asText(), line.path("variantId").asText(), change.quantity());
    }

    public static String productPathOf(@Variable("line") JsonNode line) {
        return "/api/products/" + line.path("productId").asText();
    }

    /** The lines of a cart as cart-service answered it, each to be marked in place. */
    public static List<JsonNode> linesOf(@Variable("cart") JsonNode cart) {
        List<JsonNode> lines = new ArrayList<>();
        cart.path("items").forEach(lines::add);
        return lines;
    }

    /** 409 OUT_OF_STOCK, with what is available, when inventory-service cannot back the units asked for. */
    public static void requireInStock(Exchange check) {
        JsonNode answer = DownstreamAnswers.json(check);
        if (!answer.path("inStock").asBoolean()) {
            throw new ProblemException(409, ProblemCodes.OUT_OF_STOCK, "Only " + answer.path("available").asInt()
                    + " of " + answer.path("productId").asText() + "/" + answer.path("variantId").asText()
                    + " can be sold now.")
                    .with("available", answer.path("available").asInt())
                    .with("requested", answer.path("requested").asInt());
        }
    }

    /** A line as it is now: the current price (and whether it changed) and whether stock still backs it. */
    public static void markCurrent(@Variable("line") ObjectNode line, @Variable("product") JsonNode product, Exchange check) {
        JsonNode variant = variantForSale(product, line.path("variantId").asText());
        line.set("currentPrice", variant.path("price"));
        line.put("priceChanged", variant.path("price").decimalValue().compareTo(line.path("unitPrice").decimalValue()) != 0);
        line.put("inStock", DownstreamAnswers.json(check).path("inStock").asBoolean());
        line.put("stale", false);
    }

    /** The product left the catalog or is no longer for sale: the line cannot be bought. */
    public static void markGone(@Variable("line") ObjectNode line) {
        line.put("inStock", false);
        line.put("stale", false);
    }

    /** The catalog or stock could not be asked: the line shows the price as last seen. */
    public static void markStale(@Variable("line") ObjectNode line) {
        line.putNull("currentPrice");
        line.putNull("inStock");
        line.put("stale", true);
    }

    /** The cart cart-service answered: 404 is an empty cart; another refusal is passed on as it is. */
    static JsonNode cartOf(Exchange answer) {
        int status = DownstreamAnswers.status(answer);
        if (status == 404) {
            return JSON.createObjectNode();
        }
        if (status != 200) {
            JsonNode problem = DownstreamAnswers.tree(answer);
            throw new ProblemException(status, problem.path("code").asText(ProblemCodes.forStatus(status)),
                    problem.path("detail").asText("The cart could not be read."));
        }
        return DownstreamAnswers.tree(answer);
    }

    private static JsonNode variantForSale(JsonNode product, String variantId) {
        if (!product.path("active").asBoolean()) {
            throw new ProblemException(422, ProblemCodes.PRODUCT_UNAVAILABLE,
                    "Product " + product.path("id").asText() + " is not for sale.");
        }
        for (JsonNode variant : product.path("variants")) {
            if (variantId.equals(variant.path("id").asText())) {
                return variant;
            }
        }
        throw new ProblemException(404, ProblemCodes.VARIANT_NOT_FOUND,
                "Product " + product.path("id").asText() + " has no variant " + variantId + ".");
    }
}
