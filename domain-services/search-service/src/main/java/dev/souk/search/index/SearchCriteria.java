package dev.souk.search.index;

import java.math.BigDecimal;

/**
 * What a shopper asks for: words (null or blank for everything), filters (null when not set), an order and a page.
 */
public record SearchCriteria(String text, String category, BigDecimal minPrice, BigDecimal maxPrice, Double minRating,
                             Boolean inStock, Order order, int page, int size) {

    public enum Order {
        RELEVANCE, PRICE_ASC, PRICE_DESC, RATING, NEWEST;

        public static Order of(String name) {
            return name == null ? RELEVANCE : valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean hasText() {
        return text != null && !text.isBlank();
    }

    boolean filtersPrice() {
        return minPrice != null || maxPrice != null;
    }
}
