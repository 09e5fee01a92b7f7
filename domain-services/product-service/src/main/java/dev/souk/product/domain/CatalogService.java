package dev.souk.product.domain;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.events.ProductEvents.ProductCreated;
import dev.souk.contracts.events.ProductEvents.ProductDeleted;
import dev.souk.contracts.events.ProductEvents.ProductUpdated;
import dev.souk.contracts.events.ProductEvents.VariantPrice;
import dev.souk.kit.outbox.Outbox;
import dev.souk.kit.problem.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Service
public class CatalogService {

    private final ProductRepository products;
    private final Outbox outbox;
    private final Clock clock;
    private final String defaultCurrency;

    CatalogService(ProductRepository products, Outbox outbox, Clock clock,
                   @Value("${souk.catalog.default-currency}") String defaultCurrency) {
        this.products = products;
        this.outbox = outbox;
        this.clock = clock;
        this.defaultCurrency = defaultCurrency;
    }

    /** What an operator says a product is; ids of product and variants are generated when absent. */
    public record Description(String name, String description, String category, String currency, Boolean active,
                              List<Variant> variants) {
    }

    @Transactional
    public Product create(String requestedId, Description description) {
        String id = requestedId == null ? "prod-" + shortUuid() : requestedId;
        if (products.existsById(id)) {
            throw ApiException.conflict(ProblemCodes.PRODUCT_EXISTS, "A product with id " + id + " already exists.");
        }
        Product product = new Product(id, clock.instant());
        apply(product, description);
        products.saveAndFlush(product);
        outbox.record(new ProductCreated(product.id(), product.name(), product.category(), product.active(), prices(product)));
        return product;
    }

    @Transactional
    public Product replace(String id, Description description) {
        Product product = get(id);
        apply(product, description);
        products.flush();
        outbox.record(new ProductUpdated(product.id(), product.name(), product.category(), product.active(), prices(product)));
        return product;
    }

    /** Idempotent: deleting a deleted product succeeds and publishes nothing new. */
    @Transactional
    public void delete(String id) {
        Product product = products.findById(id)
                .orElseThrow(() -> notFound(id));
        if (!product.deleted()) {
            product.delete(clock.instant());
            outbox.record(new ProductDeleted(id));
        }
    }

    @Transactional(readOnly = true)
    public Product get(String id) {
        return products.findByIdAndDeletedFalse(id).orElseThrow(() -> notFound(id));
    }

    @Transactional(readOnly = true)
    public boolean exists(String id) {
        return products.existsByIdAndDeletedFalse(id);
    }

    /** Whether the product exists and is for sale. */
    @Transactional(readOnly = true)
    public boolean existsForSale(String id) {
        return products.existsByIdAndDeletedFalseAndActiveTrue(id);
    }

    @Transactional(readOnly = true)
    public Page<Product> list(String category, boolean includeInactive, Pageable pageable) {
        if (category == null) {
            return includeInactive ? products.findByDeletedFalse(pageable) : products.findByDeletedFalseAndActiveTrue(pageable);
        }
        return includeInactive
                ? products.findByCategoryAndDeletedFalse(category, pageable)
                : products.findByCategoryAndDeletedFalseAndActiveTrue(category, pageable);
    }

    private void apply(Product product, Description d) {
        Set<String> seen = new HashSet<>();
        List<Variant> variants = d.variants().stream()
                .map(v -> v.id() == null ? new Variant("var-" + shortUuid(), v.name(), v.price()) : v)
                .toList();
        for (Variant variant : variants) {
            if (!seen.add(variant.id())) {
                throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED,
                        "Variant id " + variant.id() + " appears more than once.");
            }
        }
        product.describe(d.name().strip(), d.description(), d.category(),
                d.currency() == null ? defaultCurrency : d.currency(),
                d.active() == null || d.active(), variants, clock.instant());
    }

    private static List<VariantPrice> prices(Product product) {
        return product.variants().stream()
                .map(v -> new VariantPrice(v.id(), v.name(), v.price(), product.currency()))
                .toList();
    }

    public static ApiException notFound(String id) {
        return ApiException.notFound(ProblemCodes.PRODUCT_NOT_FOUND, "No product with id " + id + ".");
    }

    private static String shortUuid() {
        return UUID.randomUUID().toString().substring(0, 13);
    }
}
