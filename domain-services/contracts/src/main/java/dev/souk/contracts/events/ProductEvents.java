package dev.souk.contracts.events;

import dev.souk.contracts.Topics;

import java.math.BigDecimal;
import java.util.List;

/** Events of the product-service, on {@code product-events}. */
public final class ProductEvents {

    private ProductEvents() {
    }

    private interface ProductEvent extends DomainEvent {
        String productId();

        @Override
        default String topic() {
            return Topics.PRODUCT_EVENTS;
        }

        @Override
        default String aggregateType() {
            return "product";
        }

        @Override
        default String aggregateId() {
            return productId();
        }
    }

    public record VariantPrice(String variantId, String name, BigDecimal price, String currency) {
    }

    public record ProductCreated(String productId, String name, String category, boolean active,
                                 List<VariantPrice> variants) implements ProductEvent {
    }

    public record ProductUpdated(String productId, String name, String category, boolean active,
                                 List<VariantPrice> variants) implements ProductEvent {
    }

    public record ProductDeleted(String productId) implements ProductEvent {
    }
}
