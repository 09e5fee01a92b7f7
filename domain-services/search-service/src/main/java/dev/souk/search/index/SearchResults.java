package dev.souk.search.index;

import java.math.BigDecimal;
import java.util.List;

/** One page of hits, how many there are in all, and the facets to narrow them down. */
public record SearchResults(List<Hit> items, long total, Facets facets) {

    /** {@code snippet} is HTML: the text escaped, the matched words in {@code <mark>}. */
    public record Hit(String productId, String name, String snippet, String category, BigDecimal minPrice,
                      BigDecimal maxPrice, String currency, Double rating, long ratingCount, boolean inStock) {
    }

    /**
     * Counts per value of each facet. The counts of a facet apply every other filter but its own, so a shopper sees
     * how many results each other choice would give.
     */
    public record Facets(List<Bucket> category, List<Bucket> price, List<Bucket> rating, List<Bucket> availability) {
    }

    /** {@code from}/{@code to} bound a range bucket (to exclusive, either null when open); null for a term bucket. */
    public record Bucket(String value, String label, BigDecimal from, BigDecimal to, long count, boolean selected) {
    }
}
