package dev.souk.cart.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A shopping cart. ACTIVE carts take changes; CHECKED_OUT carts were handed to a checkout (and reopen when it is
 * cancelled); MERGED carts had their lines moved into another cart ({@code mergedInto}) and take no more changes;
 * EXPIRED carts were left untouched for too long (see {@code CartService#expireAbandoned}) and take no more changes.
 * {@code id} is null for the empty cart of a user who has not put anything in a cart yet.
 */
public record Cart(String id, String userId, Status status, String checkoutId, String mergedInto, long version,
                   Instant createdAt, Instant updatedAt, List<CartItem> items) {

    public enum Status { ACTIVE, CHECKED_OUT, MERGED, EXPIRED }

    /** What a signed-in user without an active cart sees: nothing, not yet stored. */
    static Cart emptyOf(String userId) {
        return new Cart(null, userId, Status.ACTIVE, null, null, 0, null, null, List.of());
    }

    public boolean anonymous() {
        return userId == null;
    }

    /** Sum of the line totals, scale 2. */
    public BigDecimal total() {
        return items.stream().map(CartItem::lineTotal).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** Units in the cart (what a cart badge shows); {@code items().size()} is the number of lines. */
    public int itemCount() {
        return items.stream().mapToInt(CartItem::quantity).sum();
    }

    /** The currency of the cart's lines (they all share one); empty while the cart has no lines. */
    public Optional<String> currency() {
        return items.stream().map(CartItem::currency).findFirst();
    }

    Optional<CartItem> item(String itemId) {
        return items.stream().filter(i -> i.id().equals(itemId)).findFirst();
    }

    Optional<CartItem> lineOf(String productId, String variantId) {
        return items.stream().filter(i -> i.productId().equals(productId) && i.variantId().equals(variantId)).findFirst();
    }
}
