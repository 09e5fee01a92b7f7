package dev.souk.recommendation.api;

import static dev.souk.kit.jdbc.Conflicts.onceMoreOnConflict;

import dev.souk.contracts.Ids;
import dev.souk.recommendation.learning.Learning;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * What the hub relays from order, catalog and stock events (SERVICE only). Each message carries the id of the event
 * behind it; one seen before changes nothing and answers {@code DUPLICATE}.
 */
@RestController
@RequestMapping("/api/recommendations/internal")
@Validated
@Tag(name = "Recommendation feed (hub)")
public class LearningController {

    private final Learning learning;

    LearningController(Learning learning) {
        this.learning = learning;
    }

    public record OrderConfirmed(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String eventId,
                                 @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId,
                                 @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
                                 @NotEmpty @Size(max = 100) List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> productIds,
                                 @NotNull Instant occurredAt) {
    }

    public record OrderCancelled(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String eventId,
                                 @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId,
                                 @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
                                 @NotNull Instant occurredAt) {
    }

    /** The fields of product-service's product that matter here; others are ignored. */
    public record ProductDocument(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                                  @NotBlank @Size(max = 100) String category,
                                  boolean active,
                                  Instant updatedAt) {
    }

    /** {@code product} is the product now, or null when product-service no longer has it. */
    public record CatalogChange(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String eventId,
                                @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
                                @NotNull Instant occurredAt,
                                @Valid ProductDocument product) {
    }

    public record StockChange(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String eventId,
                              @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
                              @NotNull Boolean inStock,
                              @NotNull Instant observedAt) {
    }

    public record Applied(String eventId, Learning.Outcome outcome) {
    }

    @PostMapping("/orders/confirmed")
    @Operation(summary = "An order was confirmed (paid): a purchase of each of its products")
    Applied confirmed(@Valid @RequestBody OrderConfirmed order) {
        return new Applied(order.eventId(), learning.orderConfirmed(order.eventId(), order.orderId(), order.userId(),
                order.productIds(), order.occurredAt()));
    }

    @PostMapping("/orders/cancelled")
    @Operation(summary = "An order was cancelled: it no longer counts")
    Applied cancelled(@Valid @RequestBody OrderCancelled order) {
        return new Applied(order.eventId(), learning.orderCancelled(order.eventId(), order.orderId(), order.userId(),
                order.occurredAt()));
    }

    @PostMapping("/catalog")
    @Operation(summary = "A product changed in the catalog (or left it)")
    Applied catalog(@Valid @RequestBody CatalogChange change) {
        if (change.product() != null && !change.product().id().equals(change.productId())) {
            throw new dev.souk.kit.problem.ApiException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    dev.souk.contracts.ProblemCodes.VALIDATION_FAILED, "product.id differs from productId.");
        }
        boolean forSale = change.product() != null && change.product().active();
        Instant updatedAt = change.product() == null || change.product().updatedAt() == null ? change.occurredAt()
                : change.product().updatedAt();
        return new Applied(change.eventId(), onceMoreOnConflict(() -> learning.productDescribed(change.eventId(),
                change.productId(), change.product() == null ? null : change.product().category(), forSale, updatedAt)));
    }

    @PostMapping("/stock")
    @Operation(summary = "Whether a product can be bought changed")
    Applied stock(@Valid @RequestBody StockChange change) {
        return new Applied(change.eventId(), onceMoreOnConflict(() -> learning.stockReported(change.eventId(),
                change.productId(), change.inStock(), change.observedAt())));
    }
}
