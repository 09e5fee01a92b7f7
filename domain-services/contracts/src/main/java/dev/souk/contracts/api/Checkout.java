package dev.souk.contracts.api;

import dev.souk.contracts.Ids;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/cart/checkout}: where the signed-in user's cart goes and how it will be paid. */
public record Checkout(
        @NotBlank @Size(max = PlaceOrder.MAX_ADDRESS) String shippingAddress,
        @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String paymentMethodId) {

    public Checkout {
        shippingAddress = shippingAddress == null ? null : shippingAddress.strip();
    }
}
