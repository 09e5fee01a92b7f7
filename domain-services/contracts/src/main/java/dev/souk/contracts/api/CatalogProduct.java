package dev.souk.contracts.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A product as product-service has it, plus what can be sold right now and its rating. When inventory-service cannot
 * be asked the numbers are null and {@code availabilityStale} is true: unknown is never shown as zero. Likewise, when
 * review-service cannot be asked the rating is null and {@code ratingStale} is true.
 */
public record CatalogProduct(String id, String name, String description, String category, String currency,
                             boolean active, List<Variant> variants, Boolean inStock, boolean availabilityStale,
                             Rating rating, boolean ratingStale) {

    public record Variant(String id, String name, BigDecimal price, Long available) {
    }

    /** Published reviews only: how many, their average (null without reviews), and star count "1".."5" → reviews. */
    public record Rating(long count, BigDecimal average, Map<String, Long> histogram) {
    }
}
