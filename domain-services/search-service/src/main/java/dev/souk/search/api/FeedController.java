package dev.souk.search.api;

import static dev.souk.kit.jdbc.Conflicts.onceMoreOnConflict;

import dev.souk.contracts.Ids;
import dev.souk.search.feed.CatalogFeed;
import dev.souk.search.feed.CatalogProduct;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the hub relays from the catalog, the stock and the reviews (SERVICE only). Each message carries the id of the
 * event behind it; a message seen before changes nothing and answers {@code DUPLICATE}.
 */
@RestController
@RequestMapping("/api/search/internal")
@Validated
@Tag(name = "Search feed (hub)")
public class FeedController {

    private final CatalogFeed feed;

    FeedController(CatalogFeed feed) {
        this.feed = feed;
    }

    public record VariantDocument(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                                  @Size(max = 200) String name,
                                  @NotNull @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal price) {
    }

    /** A product in the shape product-service answers it. */
    public record ProductDocument(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                                  @NotBlank @Size(max = 200) String name,
                                  @Size(max = 4000) String description,
                                  @NotBlank @Size(max = 100) String category,
                                  @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency,
                                  boolean active,
                                  @NotNull @Size(max = 50) List<@Valid @NotNull VariantDocument> variants,
                                  Instant createdAt,
                                  Instant updatedAt) {

        CatalogProduct toCatalogProduct() {
            return new CatalogProduct(id, name, description, category, currency, active,
                    variants.stream().map(v -> new CatalogProduct.Variant(v.id(), v.name(), v.price())).toList(),
                    createdAt, updatedAt);
        }
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

    public record RatingChange(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String eventId,
                               @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
                               @DecimalMin("0") @DecimalMax("5") BigDecimal average,
                               @NotNull @Min(0) Long count,
                               @NotNull Instant occurredAt) {
    }

    public record Applied(String eventId, CatalogFeed.Outcome outcome) {
    }

    @PostMapping("/catalog")
    @Operation(summary = "A product changed in the catalog (or left it)")
    Applied catalog(@Valid @RequestBody CatalogChange change) {
        if (change.product() != null && !change.product().id().equals(change.productId())) {
            throw new dev.souk.kit.problem.ApiException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    dev.souk.contracts.ProblemCodes.VALIDATION_FAILED, "product.id differs from productId.");
        }
        return new Applied(change.eventId(), onceMoreOnConflict(() -> feed.catalogChanged(change.eventId(),
                change.productId(), change.occurredAt(), change.product() == null ? null : change.product().toCatalogProduct())));
    }

    @PostMapping("/stock")
    @Operation(summary = "Whether a product can be bought changed")
    Applied stock(@Valid @RequestBody StockChange change) {
        return new Applied(change.eventId(), onceMoreOnConflict(() -> feed.stockChanged(change.eventId(),
                change.productId(), change.inStock(), change.observedAt())));
    }

    @PostMapping("/ratings")
    @Operation(summary = "A product's rating changed")
    Applied rating(@Valid @RequestBody RatingChange change) {
        return new Applied(change.eventId(), onceMoreOnConflict(() -> feed.ratingChanged(change.eventId(),
                change.productId(), change.average() == null ? null : change.average().doubleValue(), change.count(),
                change.occurredAt())));
    }
}
