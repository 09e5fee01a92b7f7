package dev.souk.cart.domain;

import java.math.BigDecimal;

/** A variant to put in a cart, named and priced by the caller from the catalog; {@code currency} may be null. */
public record NewItem(String productId, String variantId, String name, BigDecimal unitPrice, String currency, int quantity) {
}
