package dev.souk.contracts.api;

import dev.souk.contracts.Ids;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** One line a customer orders: which variant and how many; the price is the catalog's. */
public record OrderLine(
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String variantId,
        @NotNull @Min(1) @Max(OrderLine.MAX_QUANTITY) Integer quantity) {

    public static final int MAX_QUANTITY = 10_000;
}
