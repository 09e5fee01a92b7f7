package dev.souk.search.feed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A product as product-service describes it (the shape of its {@code GET /api/products/{id}} answer). */
public record CatalogProduct(String id, String name, String description, String category, String currency,
                             boolean active, List<Variant> variants, Instant createdAt, Instant updatedAt) {

    public record Variant(String id, String name, BigDecimal price) {
    }

    public List<BigDecimal> prices() {
        return variants == null ? List.of() : variants.stream().map(Variant::price).toList();
    }
}
