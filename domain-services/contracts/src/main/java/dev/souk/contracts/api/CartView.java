package dev.souk.contracts.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * A cart as {@code GET /api/cart} answers it: cart-service's lines, each marked with what changed since it was added.
 * When the catalog or stock cannot be asked the line is {@code stale} and shows the price as last seen.
 */
public record CartView(String id, String userId, String status, long version, String currency, List<Line> items,
                       BigDecimal total) {

    public record Line(String itemId, String productId, String variantId, String name, String currency,
                       BigDecimal unitPrice, int quantity, BigDecimal currentPrice, Boolean priceChanged,
                       Boolean inStock, boolean stale) {
    }
}
