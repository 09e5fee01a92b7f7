package dev.souk.product.api;

import dev.souk.kit.problem.ApiException;
import dev.souk.kit.security.Access;
import dev.souk.contracts.Ids;
import dev.souk.kit.web.PageResponse;
import dev.souk.product.domain.CatalogService;
import dev.souk.product.domain.Product;
import dev.souk.product.domain.Variant;
import dev.souk.contracts.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/products")
@Validated
@Tag(name = "Products")
public class ProductController {

    private static final String CATEGORY = "[a-z0-9][a-z0-9-]{0,99}";
    private static final String CATEGORY_MESSAGE = "must be a lower-case slug such as 'home-kitchen'";

    private final CatalogService catalog;

    ProductController(CatalogService catalog) {
        this.catalog = catalog;
    }

    public record VariantRequest(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotBlank @Size(max = 200) String name,
            @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price) {
    }

    public record ProductRequest(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 4000) String description,
            @NotBlank @Pattern(regexp = CATEGORY, message = CATEGORY_MESSAGE) String category,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency,
            Boolean active,
            @NotEmpty @Size(max = 50) List<@Valid @NotNull VariantRequest> variants) {

        CatalogService.Description toDescription() {
            return new CatalogService.Description(name, description, category, currency, active,
                    variants.stream().map(v -> new Variant(v.id(), v.name().strip(), v.price())).toList());
        }
    }

    public record VariantResponse(String id, String name, BigDecimal price, String currency) {
    }

    public record ProductResponse(String id, String name, String description, String category, String currency,
                                  boolean active, List<VariantResponse> variants, Instant createdAt, Instant updatedAt) {
        static ProductResponse of(Product p) {
            return new ProductResponse(p.id(), p.name(), p.description(), p.category(), p.currency(), p.active(),
                    p.variants().stream().map(v -> new VariantResponse(v.id(), v.name(), v.price(), p.currency())).toList(),
                    p.createdAt(), p.updatedAt());
        }
    }

    @GetMapping
    @Operation(summary = "List the catalog", description = "Active products only; the administrator may ask for inactive "
            + "ones too with includeInactive=true (403 for anyone else). Filter by category.")
    PageResponse<ProductResponse> list(@RequestParam(required = false) @Pattern(regexp = CATEGORY, message = CATEGORY_MESSAGE) String category,
                                       @RequestParam(defaultValue = "false") boolean includeInactive,
                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if (includeInactive && !Access.privileged()) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN,
                    "Only the administrator sees products that are not for sale.");
        }
        return PageResponse.of(catalog.list(category, includeInactive, PageRequest.of(page, size, Sort.by("name", "id"))),
                ProductResponse::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A product with its variants and prices",
            description = "A product that is not for sale is visible to the administrator only (404 for anyone else).")
    ProductResponse get(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id) {
        Product product = catalog.get(id);
        if (!product.active() && !Access.privileged()) {
            throw CatalogService.notFound(id);
        }
        return ProductResponse.of(product);
    }

    @GetMapping("/{id}/exists")
    @Operation(summary = "Whether a product exists", description = "Answers true or false; deleted products do not "
            + "exist, and products not for sale exist for the administrator and the platform only.")
    boolean exists(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id) {
        return Access.privileged() ? catalog.exists(id) : catalog.existsForSale(id);
    }

    @PostMapping
    @Operation(summary = "Add a product to the catalog")
    ResponseEntity<ProductResponse> create(@Valid @RequestBody ProductRequest request) {
        Product product = catalog.create(request.id(), request.toDescription());
        return ResponseEntity.created(URI.create("/api/products/" + product.id())).body(ProductResponse.of(product));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a product's description, variants and prices")
    ProductResponse replace(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                            @Valid @RequestBody ProductRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED,
                    "The id in the body (" + request.id() + ") differs from the path (" + id + ").");
        }
        return ProductResponse.of(catalog.replace(id, request.toDescription()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Remove a product from the catalog", description = "Idempotent; orders keep their price snapshot.")
    ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id) {
        catalog.delete(id);
        return ResponseEntity.noContent().build();
    }
}
