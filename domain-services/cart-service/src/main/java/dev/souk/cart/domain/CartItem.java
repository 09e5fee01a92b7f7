package dev.souk.cart.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** One line of a cart: a variant, the price seen when it was (last) added, and how many. */
public record CartItem(String id, String productId, String variantId, String name, BigDecimal unitPrice,
                       String currency, int quantity, Instant addedAt, Instant updatedAt) {

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity)).setScale(2);
    }
}
