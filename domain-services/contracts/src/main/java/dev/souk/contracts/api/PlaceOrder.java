package dev.souk.contracts.api;

import java.util.List;

import dev.souk.contracts.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/orders}: what a customer may choose. Prices come from the catalog, never from the client; a
 * signed-in customer may leave {@code userId} out (it is theirs).
 */
public record PlaceOrder(
        @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
        @NotBlank @Size(max = PlaceOrder.MAX_ADDRESS) String shippingAddress,
        @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String paymentMethodId,
        @NotNull @Size(min = 1, max = PlaceOrder.MAX_LINES) List<@Valid @NotNull OrderLine> items) {

    public static final int MAX_ADDRESS = 500;
    public static final int MAX_LINES = 100;

    public PlaceOrder {
        shippingAddress = shippingAddress == null ? null : shippingAddress.strip();
    }

    /** The same order for {@code userId}. */
    public PlaceOrder forUser(String userId) {
        return new PlaceOrder(userId, shippingAddress, paymentMethodId, items);
    }
}
