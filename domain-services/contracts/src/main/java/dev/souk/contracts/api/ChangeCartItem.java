package dev.souk.contracts.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code PUT /api/cart/items/{itemId}}: the line's new quantity. */
public record ChangeCartItem(@NotNull @Min(1) @Max(OrderLine.MAX_QUANTITY) Integer quantity) {
}
