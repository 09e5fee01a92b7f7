package dev.souk.contracts.api;

import dev.souk.contracts.Ids;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code POST /api/cart/items}: a variant and how many; name and price are the catalog's. */
public record AddCartItem(
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String variantId,
        @NotNull @Min(1) @Max(OrderLine.MAX_QUANTITY) Integer quantity) {
}
