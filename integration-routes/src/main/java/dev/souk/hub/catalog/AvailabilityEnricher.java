package dev.souk.hub.catalog;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.souk.hub.errors.DownstreamRejectedException;

/**
 * Adds availability to a product as product-service returns it: every variant gets
 * {@code available} (units that can still be sold), the product gets {@code inStock} and
 * {@code availabilityStale}. When inventory could not be asked, the numbers are {@code null}
 * and {@code availabilityStale} is {@code true}; unknown is never shown as zero.
 */
public class AvailabilityEnricher {

    public ObjectNode enrich(JsonNode product, JsonNode stockLevels) {
        if (product == null || !product.isObject()) {
            throw new DownstreamRejectedException("product-service did not answer a product object");
        }
        ObjectNode enriched = ((ObjectNode) product).deepCopy();
        boolean stale = stockLevels == null || !stockLevels.isArray();
        Map<String, Long> availableByVariant = stale ? Map.of() : availableByVariant(stockLevels);

        boolean anyAvailable = false;
        JsonNode variants = enriched.path("variants");
        for (JsonNode variant : variants) {
            if (!variant.isObject()) {
                continue;
            }
            ObjectNode v = (ObjectNode) variant;
            if (stale) {
                v.putNull("available");
            } else {
                long available = availableByVariant.getOrDefault(v.path("id").asText(), 0L);
                v.put("available", available);
                anyAvailable |= available > 0;
            }
        }
        if (stale) {
            enriched.putNull("inStock");
        } else {
            enriched.put("inStock", anyAvailable);
        }
        enriched.put("availabilityStale", stale);
        return enriched;
    }

    private static Map<String, Long> availableByVariant(JsonNode stockLevels) {
        Map<String, Long> available = new HashMap<>();
        for (JsonNode level : stockLevels) {
            String variantId = level.path("variantId").asText(null);
            if (variantId == null) {
                continue;
            }
            long units = level.has("available")
                    ? level.path("available").asLong()
                    : level.path("onHand").asLong() - level.path("reserved").asLong();
            available.merge(variantId, Math.max(units, 0L), Long::sum);
        }
        return available;
    }
}
