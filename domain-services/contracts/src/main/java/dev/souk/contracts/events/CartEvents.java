package dev.souk.contracts.events;

import dev.souk.contracts.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Events of the cart-service on {@code cart-events}, keyed by cart id. {@code userId} is null for an anonymous
 * cart. Prices are those the shopper saw when the line was added.
 */
public final class CartEvents {

    private CartEvents() {
    }

    /** One line of a cart as it stands after the change. */
    public record Item(String itemId, String productId, String variantId, String name, BigDecimal unitPrice,
                       String currency, int quantity) {
    }

    private interface CartEvent extends DomainEvent {
        String cartId();

        @Override
        default String topic() {
            return Topics.CART_EVENTS;
        }

        @Override
        default String aggregateType() {
            return "cart";
        }

        @Override
        default String aggregateId() {
            return cartId();
        }
    }

    /** A variant was put in the cart; {@code quantityAdded} is this request's share of the line's {@code item.quantity}. */
    public record CartItemAdded(String cartId, String userId, Item item, int quantityAdded) implements CartEvent {
    }

    public record CartItemChanged(String cartId, String userId, Item item, int previousQuantity) implements CartEvent {
    }

    public record CartItemRemoved(String cartId, String userId, Item item) implements CartEvent {
    }

    public record CartCleared(String cartId, String userId, List<Item> removedItems) implements CartEvent {
    }

    /** The cart was handed to checkout {@code checkoutId}; it takes no more changes unless the checkout is cancelled. */
    public record CartCheckedOut(String cartId, String userId, String checkoutId, List<Item> items, BigDecimal total,
                                 String currency) implements CartEvent {
    }

    /** A checkout was cancelled and the cart's lines are shoppable again (in {@code cartId}, maybe another cart). */
    public record CartReopened(String cartId, String userId, String checkoutId, String checkedOutCartId,
                               List<Item> items) implements CartEvent {
    }

    /** The lines of anonymous cart {@code mergedCartId} were added to the user's cart {@code cartId}; that cart is closed. */
    public record CartMerged(String cartId, String userId, String mergedCartId, List<Item> items) implements CartEvent {
    }

    /**
     * Nobody touched the cart since {@code lastChangedAt}, longer than the shop keeps an abandoned cart: it is closed
     * with the lines it held (an abandoned cart in the shop's figures). A signed-in user's next write starts a new cart.
     */
    public record CartExpired(String cartId, String userId, List<Item> items, Instant lastChangedAt)
            implements CartEvent {
    }
}
