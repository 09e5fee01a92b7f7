package dev.souk.hub.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Adds review-service's rating summary to a catalog product: {@code rating} with {@code count}, {@code average} (null
 * without reviews) and the 1–5 {@code histogram}, and {@code ratingStale}. When review-service could not be asked the
 * rating is {@code null} and {@code ratingStale} is {@code true}: an unknown rating is never shown as "no reviews".
 */
public class RatingEnricher {

    public ObjectNode enrich(ObjectNode product, JsonNode summary) {
        boolean stale = summary == null || !summary.isObject();
        if (stale) {
            product.putNull("rating");
        } else {
            ObjectNode rating = product.putObject("rating");
            rating.put("count", summary.path("count").asLong());
            rating.set("average", summary.hasNonNull("average") ? summary.get("average") : null);
            rating.set("histogram", summary.path("histogram").isObject() ? summary.get("histogram") : rating.objectNode());
        }
        product.put("ratingStale", stale);
        return product;
    }
}
