package dev.souk.hub.cart;

import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
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
import dev.souk.hub.errors.ResourceNotFoundException;
import dev.souk.hub.order.OrderCommands;
import dev.souk.hub.security.HubCaller;
import dev.souk.hub.product.ProductServiceRoutes;

/**
 * The public cart commands. Adding or changing an item is checked against the catalog (the product exists, is for
 * sale, has the variant) and stock (enough is available) before cart-service is asked; both checks go through the
 * circuit breakers of the product and inventory routes, so a service that is down or slow answers a fast 503 with
 * Retry-After. The cart itself (owned by cart-service) is identified by {@code X-User-Id} or {@code X-Cart-Id}.
 */
@Component("cartCommands")
public class CartCommands {

    static final String USER_HEADER = "X-User-Id";
    static final String CART_HEADER = "X-Cart-Id";
    static final String SUB_PATH = "soukCartSubPath";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private final ProducerTemplate producer;
    private final ObjectMapper json;

    private final OrderCommands orders;

    public CartCommands(ProducerTemplate producer, ObjectMapper json, OrderCommands orders) {
        this.producer = producer;
        this.json = json;
        this.orders = orders;
    }

    /** POST /api/cart/items {productId, variantId, quantity}. */
    public void addItem(Exchange exchange) {
        JsonNode request = body(exchange);
        String productId = OrderCommands.requireId(request, "productId");
        String variantId = OrderCommands.requireId(request, "variantId");
        int quantity = requireQuantity(request.path("quantity"));

        JsonNode product = productForSale(productId);
        JsonNode variant = variantOf(product, variantId);
        int alreadyInCart = quantityInCart(exchange, productId, variantId);
        requireStock(productId, variantId, alreadyInCart + quantity);

        ObjectNode line = json.createObjectNode()
                .put("productId", productId).put("variantId", variantId)
                .put("name", product.path("name").asText() + " — " + variant.path("name").asText())
                .put("currency", product.path("currency").asText())
                .put("quantity", quantity);
        line.set("unitPrice", variant.path("price"));
        relay(exchange, cartService(exchange, "POST", "/api/cart/items", line.toString()));
    }

    /** PUT /api/cart/items/{itemId} {quantity}: the new quantity must be in stock. */
    public void changeItem(Exchange exchange) {
        String itemId = pathId(exchange, "itemId");
        int quantity = requireQuantity(body(exchange).path("quantity"));
        JsonNode item = itemOf(exchange, itemId);
        requireStock(item.path("productId").asText(), item.path("variantId").asText(), quantity);
        relay(exchange, cartService(exchange, "PUT", "/api/cart/items/" + itemId,
                json.createObjectNode().put("quantity", quantity).toString()));
    }

    /**
     * POST /api/cart/checkout {shippingAddress, paymentMethodId}: the signed-in user's cart becomes an order through
     * the same order process as {@code POST /api/orders}. The order id comes from the cart and its version, so a
     * double click places one order; the cart is handed over atomically and given back if the order is refused.
     */
    public void checkout(Exchange exchange) throws InterruptedException {
        String userId = HubCaller.of(exchange).requireSignedIn("Checkout");
        JsonNode request = body(exchange);
        String shippingAddress = OrderCommands.requireText(request, "shippingAddress", 500);
        String paymentMethodId = OrderCommands.optionalPaymentMethod(request.path("paymentMethodId"));

        JsonNode cart = cart(exchange);
        if (cart.path("id").isNull() || cart.path("items").isEmpty()) {
            throw new ProblemException(409, "CART_EMPTY", "The cart is empty.");
        }
        String orderId = "ord-" + cart.path("id").asText() + "-v" + cart.path("version").asLong();
        String handOver = json.createObjectNode().put("checkoutId", orderId).toString();
        Exchange started = cartService(exchange, "POST", "/api/cart/checkout-started", handOver);
        if (status(started) != 200) {
            relay(exchange, started);
            return;
        }
        ArrayNode lines = json.createArrayNode();
        for (JsonNode item : read(started.getMessage().getBody(String.class)).path("items")) {
            lines.addObject().put("productId", item.path("productId").asText())
                    .put("variantId", item.path("variantId").asText())
                    .put("quantity", item.path("quantity").asInt());
        }
        try {
            orders.startAndAnswer(exchange, orderId, userId, shippingAddress, paymentMethodId, orders.requireItems(lines));
        } catch (ProblemException refused) {
            cartService(exchange, "POST", "/api/cart/checkout-cancelled", handOver);
            throw refused;
        }
    }

    /**
     * GET /api/cart: cart-service's cart, each line marked with what changed since it was added — the current price
     * ({@code priceChanged}) and whether it can still be bought ({@code inStock}). When product-service or
     * inventory-service cannot be asked the cart is still answered, the line flagged {@code stale} with the price as
     * last seen.
     */
    public void readCart(Exchange exchange) {
        Exchange answer = cartService(exchange, "GET", "/api/cart", null);
        if (status(answer) != 200) {
            relay(exchange, answer);
            return;
        }
        JsonNode cart = read(answer.getMessage().getBody(String.class));
        for (JsonNode line : cart.path("items")) {
            annotate((ObjectNode) line);
        }
        relay(exchange, answer);
        exchange.getMessage().setBody(cart.toString());
    }

    private void annotate(ObjectNode line) {
        String productId = line.path("productId").asText();
        String variantId = line.path("variantId").asText();
        try {
            JsonNode product = productForSale(productId);
            JsonNode variant = variantOf(product, variantId);
            line.set("currentPrice", variant.path("price"));
            line.put("priceChanged", variant.path("price").decimalValue().compareTo(line.path("unitPrice").decimalValue()) != 0);
            Exchange check = stockCheck(productId, variantId, line.path("quantity").asInt());
            line.put("inStock", read(check.getMessage().getBody(String.class)).path("inStock").asBoolean());
            line.put("stale", false);
        } catch (ProblemException | ResourceNotFoundException gone) {
            // the product left the catalog or is no longer for sale
            line.put("inStock", false);
            line.put("stale", false);
        } catch (RuntimeException unavailable) {
            line.putNull("currentPrice");
            line.putNull("inStock");
            line.put("stale", true);
        }
    }

    /** Everything else (reads, removals, clearing, merging) is cart-service's alone; the route names the sub-path. */
    public void passThrough(Exchange exchange) {
        String path = exchange.getMessage().getHeader(SUB_PATH, String.class);
        String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
        String body = exchange.getMessage().getBody(String.class);
        relay(exchange, cartService(exchange, method, "/api/cart" + (path == null ? "" : path), body));
    }

    // ---- checks ---------------------------------------------------------------------------------------------

    private JsonNode productForSale(String productId) {
        Exchange answer = producer.request(ProductServiceRoutes.GET_PRODUCT,
                ex -> ex.setProperty(ProductServiceRoutes.PRODUCT_ID, productId));
        rethrow(answer);
        JsonNode product = answer.getMessage().getBody(JsonNode.class);
        if (!product.path("active").asBoolean()) {
            throw new ProblemException(422, "PRODUCT_UNAVAILABLE", "Product " + productId + " is not for sale.");
        }
        return product;
    }

    private static JsonNode variantOf(JsonNode product, String variantId) {
        for (JsonNode variant : product.path("variants")) {
            if (variantId.equals(variant.path("id").asText())) {
                return variant;
            }
        }
        throw new ProblemException(404, ProblemCodes.VARIANT_NOT_FOUND,
                "Product " + product.path("id").asText() + " has no variant " + variantId + ".");
    }

    private Exchange stockCheck(String productId, String variantId, int quantity) {
        Exchange answer = producer.request(ServiceCallRoutes.callOf("inventory-service"), ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            ex.getMessage().setHeader(Exchange.HTTP_PATH, "/api/inventory/check");
            ex.getMessage().setHeader(Exchange.HTTP_QUERY, "productId=" + productId + "&variantId=" + variantId + "&quantity=" + quantity);
        });
        rethrow(answer);
        return answer;
    }

    private void requireStock(String productId, String variantId, int quantity) {
        Exchange answer = stockCheck(productId, variantId, quantity);
        JsonNode check = read(answer.getMessage().getBody(String.class));
        if (!check.path("inStock").asBoolean()) {
            throw new ProblemException(409, ProblemCodes.OUT_OF_STOCK, "Only " + check.path("available").asInt()
                    + " of " + productId + "/" + variantId + " can be sold now.")
                    .with("available", check.path("available").asInt()).with("requested", quantity);
        }
    }

    private int quantityInCart(Exchange exchange, String productId, String variantId) {
        for (JsonNode item : cart(exchange).path("items")) {
            if (productId.equals(item.path("productId").asText()) && variantId.equals(item.path("variantId").asText())) {
                return item.path("quantity").asInt();
            }
        }
        return 0;
    }

    private JsonNode itemOf(Exchange exchange, String itemId) {
        for (JsonNode item : cart(exchange).path("items")) {
            if (itemId.equals(item.path("id").asText()) || itemId.equals(item.path("itemId").asText())) {
                return item;
            }
        }
        throw new ProblemException(404, "CART_ITEM_NOT_FOUND", "The cart has no item " + itemId + ".");
    }

    private JsonNode cart(Exchange exchange) {
        Exchange answer = cartService(exchange, "GET", "/api/cart", null);
        int status = status(answer);
        if (status == 404) {
            return json.createObjectNode();
        }
        if (status != 200) {
            relayAsProblem(answer);
        }
        return read(answer.getMessage().getBody(String.class));
    }

    // ---- cart-service ---------------------------------------------------------------------------------------

    private Exchange cartService(Exchange incoming, String method, String path, String body) {
        String user = incoming.getMessage().getHeader(USER_HEADER, String.class);
        String cart = incoming.getMessage().getHeader(CART_HEADER, String.class);
        String query = incoming.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        Exchange answer = producer.request(ServiceCallRoutes.callOf("cart-service"), ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_METHOD, method);
            ex.getMessage().setHeader(Exchange.HTTP_PATH, path);
            if (query != null && "GET".equals(method)) {
                ex.getMessage().setHeader(Exchange.HTTP_QUERY, query);
            }
            if (user != null) {
                ex.getMessage().setHeader(USER_HEADER, user);
            }
            if (cart != null) {
                ex.getMessage().setHeader(CART_HEADER, cart);
            }
            if (body != null && !body.isBlank()) {
                ex.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                ex.getMessage().setBody(body);
            }
        });
        rethrow(answer);
        return answer;
    }

    /** Status, content type and body of the cart-service answer (problem+json included) go back unchanged. */
    private static void relay(Exchange exchange, Exchange answer) {
        Object status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE);
        Object contentType = answer.getMessage().getHeader(Exchange.CONTENT_TYPE);
        Object location = answer.getMessage().getHeader("Location");
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (contentType != null) {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        if (location != null) {
            exchange.getMessage().setHeader("Location", location);
        }
        exchange.getMessage().setBody(answer.getMessage().getBody(String.class));
    }

    private void relayAsProblem(Exchange answer) {
        JsonNode problem = read(answer.getMessage().getBody(String.class));
        ProblemException refusal = new ProblemException(status(answer), problem.path("code").asText("CONFLICT"),
                problem.path("detail").asText("The cart could not be read."));
        throw refusal;
    }

    private static void rethrow(Exchange answer) {
        if (answer.getException() instanceof RuntimeException failure) {
            throw failure;
        }
        if (answer.getException() != null) {
            throw new IllegalStateException(answer.getException());
        }
    }

    private static int status(Exchange answer) {
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? 0 : status;
    }

    private JsonNode body(Exchange exchange) {
        JsonNode node = read(exchange.getMessage().getBody(String.class));
        if (!node.isObject()) {
            throw new ProblemException(400, ProblemCodes.MALFORMED_JSON, "The request body must be a JSON object.");
        }
        return node;
    }

    private JsonNode read(String text) {
        try {
            return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, ProblemCodes.MALFORMED_JSON, "The request body is not valid JSON.");
        }
    }

    private static String pathId(Exchange exchange, String header) {
        String id = exchange.getMessage().getHeader(header, String.class);
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidRequestException(header + " must be 1 to 64 letters, digits, '_', '.', ':' or '-'.");
        }
        return id;
    }

    private static int requireQuantity(JsonNode quantity) {
        if (!quantity.isIntegralNumber() || quantity.asInt() < 1 || quantity.asInt() > 10_000) {
            throw new InvalidRequestException("quantity must be a whole number from 1 to 10000.");
        }
        return quantity.asInt();
    }
}
