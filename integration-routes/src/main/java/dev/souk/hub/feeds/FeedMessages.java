package dev.souk.hub.feeds;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;

import com.fasterxml.jackson.databind.JsonNode;

import dev.souk.hub.downstream.DownstreamAnswers;

/**
 * How the feeds of search-service and recommendation-service are built from events and the answers of the services
 * that own the facts: pure functions of their inputs. Every message carries the id of the event behind it, so the
 * receiving service applies it once; a message derived per product from one event gets an id derived from both.
 */
public final class FeedMessages {

    private FeedMessages() {
    }

    /** Catalog events name one product. */
    public static String productOf(@Body JsonNode envelope) {
        return require(envelope.path("payload").path("productId").asText(null), envelope, "productId");
    }

    /** SearchReindexRequested names its reindex. */
    public static String reindexOf(@Body JsonNode envelope) {
        return require(envelope.path("payload").path("reindexId").asText(null), envelope, "reindexId");
    }

    /** Inventory events name one product (stock adjusted) or the products of an order's lines. */
    public static List<String> productsOf(@Body JsonNode envelope) {
        JsonNode payload = envelope.path("payload");
        Set<String> products = new LinkedHashSet<>();
        if (payload.hasNonNull("productId")) {
            products.add(payload.path("productId").asText());
        }
        payload.path("lines").forEach(line -> products.add(line.path("productId").asText()));
        products.removeIf(String::isBlank);
        return List.copyOf(products);
    }

    /** {@code {eventId, productId, occurredAt, product}}: the product as product-service has it now, or null (404). */
    public static Map<String, Object> catalogChange(@Variable("envelope") JsonNode envelope, Exchange answer) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("eventId", envelope.path("eventId").asText());
        change.put("productId", productOf(envelope));
        change.put("occurredAt", envelope.path("occurredAt").asText());
        change.put("product", DownstreamAnswers.status(answer) == 404 ? null : DownstreamAnswers.json(answer));
        return change;
    }

    /**
     * {@code {eventId, productId, inStock, observedAt}} from inventory-service's stock of every variant of the product,
     * read now (so a late or replayed event still reports today's stock).
     */
    public static Map<String, Object> stockChange(@Variable("envelope") JsonNode envelope,
                                                  @Variable("productId") String productId, Exchange answer) {
        JsonNode variants = DownstreamAnswers.json(answer);
        boolean inStock = false;
        for (JsonNode variant : variants) {
            inStock |= variant.path("available").asInt() > 0;
        }
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("eventId", derivedId(envelope.path("eventId").asText(), productId));
        change.put("productId", productId);
        change.put("inStock", inStock);
        change.put("observedAt", Instant.now().toString());
        return change;
    }

    /** {@code {eventId, productId, average, count, occurredAt}} from review-service's ProductRatingChanged. */
    public static Map<String, Object> ratingChange(@Body JsonNode envelope) {
        JsonNode payload = envelope.path("payload");
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("eventId", envelope.path("eventId").asText());
        change.put("productId", productOf(envelope));
        change.put("average", payload.path("average").isNull() ? null : payload.path("average").decimalValue());
        change.put("count", payload.path("count").asLong());
        change.put("occurredAt", envelope.path("occurredAt").asText());
        return change;
    }

    /** {@code {eventId, orderId, userId, productIds, occurredAt}} from OrderConfirmed. */
    public static Map<String, Object> orderConfirmed(@Body JsonNode envelope) {
        JsonNode payload = envelope.path("payload");
        List<String> products = new ArrayList<>();
        payload.path("items").forEach(item -> products.add(item.path("productId").asText()));
        Map<String, Object> order = orderOf(envelope);
        order.put("productIds", products.stream().distinct().toList());
        order.put("occurredAt", envelope.path("occurredAt").asText());
        return order;
    }

    /** {@code {eventId, orderId, userId, occurredAt}} from OrderCancelled. */
    public static Map<String, Object> orderCancelled(@Body JsonNode envelope) {
        Map<String, Object> order = orderOf(envelope);
        order.put("occurredAt", envelope.path("occurredAt").asText());
        return order;
    }

    /** {@code {reason}} of a reindex that could not be finished, from the failure that stopped it. */
    public static Map<String, Object> reindexFailure(@org.apache.camel.ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        String reason = failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return Map.of("reason", reason.length() <= 1000 ? reason : reason.substring(0, 1000));
    }

    /** Whether the page of the catalog just read was its last one. */
    public static boolean morePages(@Variable("page") int page, @Variable("pages") int pages) {
        return page < pages;
    }

    public static int totalPages(Exchange answer) {
        return DownstreamAnswers.json(answer).path("totalPages").asInt();
    }

    public static boolean isType(JsonNode envelope, String type) {
        return type.equals(envelope.path("type").asText());
    }

    /** An id for "event {@code eventId}, as far as product {@code productId} goes": stable, and at most 36 characters. */
    static String derivedId(String eventId, String productId) {
        return UUID.nameUUIDFromBytes((eventId + "/" + productId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Map<String, Object> orderOf(JsonNode envelope) {
        JsonNode payload = envelope.path("payload");
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("eventId", envelope.path("eventId").asText());
        order.put("orderId", require(payload.path("orderId").asText(null), envelope, "orderId"));
        order.put("userId", require(payload.path("userId").asText(null), envelope, "userId"));
        return order;
    }

    private static String require(String value, JsonNode envelope, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Event " + envelope.path("eventId").asText() + " ("
                    + envelope.path("type").asText() + ") names no " + field);
        }
        return value;
    }
}
