package dev.souk.cart.api;

import dev.souk.cart.domain.CartService;
import dev.souk.cart.domain.CartService.ExpiryOutcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Housekeeping the hub's scheduler asks for (SERVICE token only). */
@RestController
@RequestMapping("/api/cart/internal")
@Validated
@Tag(name = "Cart housekeeping", description = "Called by the hub's scheduler; not part of the shopper's API.")
public class CartMaintenanceController {

    private final CartService carts;

    CartMaintenanceController(CartService carts) {
        this.carts = carts;
    }

    public record ExpiryResponse(int expired, boolean more, Instant userCartsChangedBefore,
                                 Instant anonymousCartsChangedBefore) {
    }

    @PostMapping("/expire")
    @Operation(summary = "Expire abandoned carts",
            description = "Closes at most `limit` ACTIVE carts untouched for longer than the shop keeps them "
                    + "(souk.cart.expire-after.user / .anonymous), each with a CartExpired event. `more` tells that "
                    + "further carts were due; calling again goes on. Repeating it closes nothing twice.")
    ExpiryResponse expire(@RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
        ExpiryOutcome outcome = carts.expireAbandoned(limit);
        return new ExpiryResponse(outcome.expired(), outcome.more(), outcome.userCutoff(), outcome.anonymousCutoff());
    }
}
