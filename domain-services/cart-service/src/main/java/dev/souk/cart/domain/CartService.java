package dev.souk.cart.domain;

import dev.souk.cart.domain.Cart.Status;
import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.events.CartEvents;
import dev.souk.contracts.events.CartEvents.CartCheckedOut;
import dev.souk.contracts.events.CartEvents.CartCleared;
import dev.souk.contracts.events.CartEvents.CartExpired;
import dev.souk.contracts.events.CartEvents.CartItemAdded;
import dev.souk.contracts.events.CartEvents.CartItemChanged;
import dev.souk.contracts.events.CartEvents.CartItemRemoved;
import dev.souk.contracts.events.CartEvents.CartMerged;
import dev.souk.contracts.events.CartEvents.CartReopened;
import dev.souk.kit.outbox.Outbox;
import dev.souk.kit.problem.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Carts of signed-in users (one ACTIVE cart each, created on the first write) and anonymous carts (addressed by
 * id). Every command is one transaction that locks the cart row before changing it, so concurrent changes of one
 * cart never lose an update, and records its event in the outbox. The caller has already checked products and
 * prices against the catalog; the cart keeps the price it was given.
 */
@Service
public class CartService {

    private static final int ATTEMPTS = 3;

    private final CartStore carts;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String defaultCurrency;
    private final int maxQuantityPerLine;
    private final int maxLines;
    private final Duration userCartExpiresAfter;
    private final Duration anonymousCartExpiresAfter;

    CartService(CartStore carts, Outbox outbox, TransactionTemplate transaction, Clock clock,
                @Value("${souk.cart.default-currency:USD}") String defaultCurrency,
                @Value("${souk.cart.max-quantity-per-line:20}") int maxQuantityPerLine,
                @Value("${souk.cart.max-lines:50}") int maxLines,
                @Value("${souk.cart.expire-after.user:P90D}") Duration userCartExpiresAfter,
                @Value("${souk.cart.expire-after.anonymous:P30D}") Duration anonymousCartExpiresAfter) {
        if (maxQuantityPerLine < 1 || maxLines < 1) {
            throw new IllegalArgumentException("souk.cart.max-quantity-per-line and souk.cart.max-lines must be at least 1");
        }
        if (userCartExpiresAfter.isNegative() || userCartExpiresAfter.isZero()
                || anonymousCartExpiresAfter.isNegative() || anonymousCartExpiresAfter.isZero()) {
            throw new IllegalArgumentException("souk.cart.expire-after.user and .anonymous must be positive durations");
        }
        this.userCartExpiresAfter = userCartExpiresAfter;
        this.anonymousCartExpiresAfter = anonymousCartExpiresAfter;
        this.carts = carts;
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
        this.defaultCurrency = defaultCurrency;
        this.maxQuantityPerLine = maxQuantityPerLine;
        this.maxLines = maxLines;
    }

    /** The line a command changed, and the cart as it stands afterwards. */
    public record ItemOutcome(Cart cart, CartItem item) {
    }

    /** Lines of a merged cart that did not fit, wholly or in part, under the cart's limits. */
    public record NotMerged(String productId, String variantId, int requested, int kept, String reason) {
    }

    public record MergeOutcome(Cart cart, List<NotMerged> notMerged) {
    }

    /** One round of {@link #expireAbandoned}: how many carts it closed, and whether more were due than it took. */
    public record ExpiryOutcome(int expired, boolean more, Instant userCutoff, Instant anonymousCutoff) {
    }

    public String defaultCurrency() {
        return defaultCurrency;
    }

    public int maxQuantityPerLine() {
        return maxQuantityPerLine;
    }

    public int maxLines() {
        return maxLines;
    }

    /** The shopper's cart; a user without an active cart gets an empty one (not stored). */
    public Cart get(Shopper shopper) {
        return transaction.execute(status -> {
            if (shopper.signedIn()) {
                return carts.findActiveOfUser(shopper.userId()).map(this::withItems).orElse(Cart.emptyOf(shopper.userId()));
            }
            return withItems(anonymousCart(shopper.cartId(), false));
        });
    }

    /** A new, empty anonymous cart; whoever holds its id may use it. */
    public Cart createAnonymous() {
        return inTransaction("new", () -> {
            Instant now = clock.instant();
            CartStore.Row row = new CartStore.Row(newId("cart"), null, Status.ACTIVE, null, null, 0, now, now);
            carts.insert(row);
            return withItems(row);
        });
    }

    /**
     * Puts a variant in the cart. A variant already in the cart gets the quantity added to its line, and the
     * line takes the newly given name and price.
     */
    public ItemOutcome addItem(Shopper shopper, NewItem requested) {
        NewItem add = new NewItem(requested.productId(), requested.variantId(), requested.name(),
                requested.unitPrice().setScale(2, RoundingMode.UNNECESSARY),
                requested.currency() == null ? defaultCurrency : requested.currency(), requested.quantity());
        return inTransaction(key(shopper), () -> {
            Cart cart = writableCart(shopper, true);
            Instant now = clock.instant();
            requireCurrency(cart, add.currency(), add.productId(), add.variantId());
            CartItem existing = cart.lineOf(add.productId(), add.variantId()).orElse(null);
            CartItem line;
            if (existing == null) {
                if (cart.items().size() >= maxLines) {
                    throw limitExceeded("A cart holds at most " + maxLines + " different items.")
                            .with("maxLines", maxLines);
                }
                requireQuantityWithinLimit(add.quantity());
                line = new CartItem(newId("item"), add.productId(), add.variantId(), add.name(), add.unitPrice(),
                        add.currency(), add.quantity(), now, now);
                carts.insertItem(cart.id(), line);
            } else {
                requireQuantityWithinLimit(existing.quantity() + add.quantity());
                line = new CartItem(existing.id(), existing.productId(), existing.variantId(), add.name(), add.unitPrice(),
                        add.currency(), existing.quantity() + add.quantity(), existing.addedAt(), now);
                carts.updateItem(line);
            }
            carts.touch(cart, now);
            outbox.record(new CartItemAdded(cart.id(), cart.userId(), eventItem(line), add.quantity()));
            return new ItemOutcome(reloaded(cart.id()), line);
        });
    }

    /** Sets a line's quantity; setting the quantity it already has changes nothing. */
    public ItemOutcome changeQuantity(Shopper shopper, String itemId, int quantity) {
        return inTransaction(key(shopper), () -> {
            Cart cart = writableCart(shopper, false);
            CartItem item = cart == null ? null : cart.item(itemId).orElse(null);
            if (item == null) {
                throw itemNotFound(itemId);
            }
            if (item.quantity() == quantity) {
                return new ItemOutcome(cart, item);
            }
            requireQuantityWithinLimit(quantity);
            Instant now = clock.instant();
            CartItem changed = new CartItem(item.id(), item.productId(), item.variantId(), item.name(), item.unitPrice(),
                    item.currency(), quantity, item.addedAt(), now);
            carts.updateItem(changed);
            carts.touch(cart, now);
            outbox.record(new CartItemChanged(cart.id(), cart.userId(), eventItem(changed), item.quantity()));
            return new ItemOutcome(reloaded(cart.id()), changed);
        });
    }

    public void removeItem(Shopper shopper, String itemId) {
        inTransaction(key(shopper), () -> {
            Cart cart = writableCart(shopper, false);
            CartItem item = cart == null ? null : cart.item(itemId).orElse(null);
            if (item == null) {
                throw itemNotFound(itemId);
            }
            carts.deleteItem(item.id());
            carts.touch(cart, clock.instant());
            outbox.record(new CartItemRemoved(cart.id(), cart.userId(), eventItem(item)));
            return null;
        });
    }

    /** Empties the cart; an empty cart (or none at all) is left as it is. */
    public void clear(Shopper shopper) {
        inTransaction(key(shopper), () -> {
            Cart cart = writableCart(shopper, false);
            if (cart == null || cart.items().isEmpty()) {
                return null;
            }
            carts.deleteItems(cart.id());
            carts.touch(cart, clock.instant());
            outbox.record(new CartCleared(cart.id(), cart.userId(), eventItems(cart.items())));
            return null;
        });
    }

    /**
     * Moves the lines of an anonymous cart into the user's cart when the shopper signs in: quantities of the same
     * variant are added up, everything capped at the limits, and the anonymous cart is closed (MERGED). Merging a
     * cart that was merged already changes nothing.
     */
    public MergeOutcome merge(String userId, String anonymousCartId) {
        return inTransaction("user:" + userId, () -> {
            // the cart that closes is locked before the one that receives, as in checkoutCancelled
            Cart anonymous = withItems(anonymousCart(anonymousCartId, true));
            switch (anonymous.status()) {
                case MERGED, EXPIRED -> {
                    return new MergeOutcome(get(Shopper.user(userId)), List.of());
                }
                case CHECKED_OUT -> throw checkedOut(anonymous);
                case ACTIVE -> {
                }
            }
            Cart target = writableCart(Shopper.user(userId), true);
            Instant now = clock.instant();
            List<NotMerged> notMerged = mergeLines(target, anonymous.items(), now);
            carts.setStatus(anonymous, Status.MERGED, null, target.id(), now);
            carts.touch(target, now);
            Cart merged = reloaded(target.id());
            outbox.record(new CartMerged(merged.id(), userId, anonymous.id(), eventItems(merged.items())));
            return new MergeOutcome(merged, notMerged);
        });
    }

    /**
     * Hands the cart to checkout {@code checkoutId}: the cart becomes CHECKED_OUT and takes no more changes, and
     * its lines are answered. Repeating it with the same checkout id answers the same lines. A user's next write
     * starts a new cart.
     */
    public Cart startCheckout(Shopper shopper, String checkoutId) {
        return inTransaction(key(shopper), () -> {
            Cart cart;
            if (shopper.signedIn()) {
                Cart repeated = checkedOutBy(shopper.userId(), checkoutId);
                if (repeated != null) {
                    return repeated;
                }
                cart = carts.findActiveOfUserForUpdate(shopper.userId()).map(this::withItems).orElse(null);
                if (cart == null) {
                    // the active cart may have been checked out while this request waited for its lock: by the
                    // same checkout (a repeat), by another one, and a concurrent write may have started a new cart
                    repeated = checkedOutBy(shopper.userId(), checkoutId);
                    if (repeated != null) {
                        return repeated;
                    }
                    Cart latest = carts.findLatestOfUser(shopper.userId()).map(this::withItems).orElse(null);
                    if (latest != null && latest.status() == Status.ACTIVE) {
                        cart = carts.findActiveOfUserForUpdate(shopper.userId()).map(this::withItems).orElse(null);
                    } else if (latest != null && latest.status() == Status.CHECKED_OUT) {
                        throw checkedOut(latest);
                    }
                }
                if (cart == null) {
                    throw empty();
                }
            } else {
                cart = withItems(anonymousCart(shopper.cartId(), true));
                if (cart.status() == Status.CHECKED_OUT && checkoutId.equals(cart.checkoutId())) {
                    return cart;
                }
                requireActive(cart);
            }
            if (cart.items().isEmpty()) {
                throw empty();
            }
            Instant now = clock.instant();
            carts.setStatus(cart, Status.CHECKED_OUT, checkoutId, null, now);
            Cart checkedOut = reloaded(cart.id());
            outbox.record(new CartCheckedOut(checkedOut.id(), checkedOut.userId(), checkoutId,
                    eventItems(checkedOut.items()), checkedOut.total(), checkedOut.currency().orElse(defaultCurrency)));
            return checkedOut;
        });
    }

    /**
     * The checkout could not place its order: the cart's lines become shoppable again. The cart itself reopens,
     * unless the user has started another cart meanwhile; then the lines are merged into that one. Repeating it
     * answers the reopened cart.
     */
    public Cart cancelCheckout(Shopper shopper, String checkoutId) {
        return inTransaction(key(shopper), () -> {
            Cart cart;
            if (shopper.signedIn()) {
                cart = carts.findOfUserByCheckoutForUpdate(shopper.userId(), checkoutId).map(this::withItems).orElse(null);
            } else {
                cart = withItems(anonymousCart(shopper.cartId(), true));
                if (!checkoutId.equals(cart.checkoutId())) {
                    cart = null;
                }
            }
            if (cart == null) {
                throw ApiException.notFound(ProblemCodes.CART_NOT_FOUND, "No cart was handed to checkout " + checkoutId + ".")
                        .with("checkoutId", checkoutId);
            }
            switch (cart.status()) {
                case ACTIVE -> {
                    return cart;
                }
                case MERGED, EXPIRED -> {
                    return get(shopper);
                }
                case CHECKED_OUT -> {
                }
            }
            Instant now = clock.instant();
            Cart current = shopper.signedIn()
                    ? carts.findActiveOfUserForUpdate(shopper.userId()).map(this::withItems).orElse(null)
                    : null;
            if (current == null) {
                carts.setStatus(cart, Status.ACTIVE, checkoutId, null, now);
                Cart reopened = reloaded(cart.id());
                outbox.record(new CartReopened(reopened.id(), reopened.userId(), checkoutId, cart.id(), eventItems(reopened.items())));
                return reopened;
            }
            mergeLines(current, cart.items(), now);
            carts.setStatus(cart, Status.MERGED, checkoutId, current.id(), now);
            carts.touch(current, now);
            Cart reopened = reloaded(current.id());
            outbox.record(new CartReopened(reopened.id(), reopened.userId(), checkoutId, cart.id(), eventItems(reopened.items())));
            return reopened;
        });
    }

    /**
     * Closes (EXPIRED) at most {@code limit} ACTIVE carts that nobody changed for longer than the shop keeps them
     * ({@code souk.cart.expire-after.user} for a signed-in user's cart, {@code .anonymous} for an anonymous one),
     * least recently changed first. Each cart is closed in its own transaction after locking it, so a shopper's
     * change that arrives meanwhile wins and the cart stays. Running it again closes nothing twice.
     */
    public ExpiryOutcome expireAbandoned(int limit) {
        Instant now = clock.instant();
        Instant userCutoff = now.minus(userCartExpiresAfter);
        Instant anonymousCutoff = now.minus(anonymousCartExpiresAfter);
        List<CartStore.Row> due = carts.abandoned(userCutoff, anonymousCutoff, limit);
        int expired = 0;
        for (CartStore.Row candidate : due) {
            if (expire(candidate.id(), candidate.userId() == null ? anonymousCutoff : userCutoff, now)) {
                expired++;
            }
        }
        return new ExpiryOutcome(expired, due.size() == limit, userCutoff, anonymousCutoff);
    }

    /** Closes the cart unless it was changed (or closed) since it was found due. */
    private boolean expire(String cartId, Instant cutoff, Instant now) {
        try {
            return inTransaction(cartId, () -> {
                CartStore.Row row = carts.findForUpdate(cartId).orElse(null);
                if (row == null || row.status() != Status.ACTIVE || !row.updatedAt().isBefore(cutoff)) {
                    return false;
                }
                Cart cart = withItems(row);
                carts.setStatus(cart, Status.EXPIRED, cart.checkoutId(), null, now);
                outbox.record(new CartExpired(cart.id(), cart.userId(), eventItems(cart.items()), cart.updatedAt()));
                return true;
            });
        } catch (ApiException busy) {
            // a shopper is changing this cart right now: it is not abandoned
            return false;
        }
    }

    /** Adds {@code lines} to {@code target} within its limits; answers what did not fit. */
    private List<NotMerged> mergeLines(Cart target, List<CartItem> lines, Instant now) {
        List<NotMerged> notMerged = new ArrayList<>();
        List<CartItem> current = new ArrayList<>(target.items());
        String currency = target.currency().orElse(null);
        for (CartItem line : lines) {
            if (currency != null && !currency.equals(line.currency())) {
                notMerged.add(new NotMerged(line.productId(), line.variantId(), line.quantity(), 0, "CURRENCY_MISMATCH"));
                continue;
            }
            CartItem existing = current.stream()
                    .filter(i -> i.productId().equals(line.productId()) && i.variantId().equals(line.variantId()))
                    .findFirst().orElse(null);
            if (existing == null) {
                if (current.size() >= maxLines) {
                    notMerged.add(new NotMerged(line.productId(), line.variantId(), line.quantity(), 0, "MAX_LINES"));
                    continue;
                }
                int quantity = Math.min(line.quantity(), maxQuantityPerLine);
                CartItem added = new CartItem(newId("item"), line.productId(), line.variantId(), line.name(), line.unitPrice(),
                        line.currency(), quantity, now, now);
                carts.insertItem(target.id(), added);
                current.add(added);
                currency = line.currency();
                if (quantity < line.quantity()) {
                    notMerged.add(new NotMerged(line.productId(), line.variantId(), line.quantity(), quantity, "MAX_QUANTITY_PER_LINE"));
                }
            } else {
                int quantity = Math.min(existing.quantity() + line.quantity(), maxQuantityPerLine);
                CartItem updated = new CartItem(existing.id(), existing.productId(), existing.variantId(), line.name(),
                        line.unitPrice(), line.currency(), quantity, existing.addedAt(), now);
                carts.updateItem(updated);
                current.set(current.indexOf(existing), updated);
                int kept = quantity - existing.quantity();
                if (kept < line.quantity()) {
                    notMerged.add(new NotMerged(line.productId(), line.variantId(), line.quantity(), kept, "MAX_QUANTITY_PER_LINE"));
                }
            }
        }
        return notMerged;
    }

    /**
     * The shopper's cart, locked, for a change. A user's active cart is created when {@code create}; otherwise a
     * user without one gets null. An anonymous cart must exist and still be ACTIVE.
     */
    private Cart writableCart(Shopper shopper, boolean create) {
        if (!shopper.signedIn()) {
            Cart cart = withItems(anonymousCart(shopper.cartId(), true));
            requireActive(cart);
            return cart;
        }
        CartStore.Row row = carts.findActiveOfUserForUpdate(shopper.userId()).orElse(null);
        if (row == null) {
            if (!create) {
                return null;
            }
            Instant now = clock.instant();
            // a concurrent first write of the same user fails here with a duplicate key and is run again
            row = new CartStore.Row(newId("cart"), shopper.userId(), Status.ACTIVE, null, null, 0, now, now);
            carts.insert(row);
        }
        return withItems(row);
    }

    private CartStore.Row anonymousCart(String cartId, boolean lock) {
        return (lock ? carts.findForUpdate(cartId) : carts.find(cartId))
                .filter(row -> row.userId() == null)
                .orElseThrow(() -> ApiException.notFound(ProblemCodes.CART_NOT_FOUND, "No cart " + cartId + ".")
                        .with("cartId", cartId));
    }

    private Cart checkedOutBy(String userId, String checkoutId) {
        return carts.findOfUserByCheckoutForUpdate(userId, checkoutId)
                .filter(row -> row.status() == Status.CHECKED_OUT)
                .map(this::withItems)
                .orElse(null);
    }

    private void requireActive(Cart cart) {
        switch (cart.status()) {
            case CHECKED_OUT -> throw checkedOut(cart);
            case MERGED -> throw ApiException.conflict(ProblemCodes.CONFLICT,
                    "Cart " + cart.id() + " was merged into the cart of a signed-in user and takes no more changes.");
            case EXPIRED -> throw ApiException.conflict(ProblemCodes.CART_EXPIRED,
                            "Cart " + cart.id() + " was left untouched too long and has expired; start a new cart.")
                    .with("cartId", cart.id());
            case ACTIVE -> {
            }
        }
    }

    private void requireCurrency(Cart cart, String currency, String productId, String variantId) {
        boolean otherCurrency = cart.items().stream()
                .filter(i -> !(i.productId().equals(productId) && i.variantId().equals(variantId)))
                .anyMatch(i -> !i.currency().equals(currency));
        if (otherCurrency) {
            throw ApiException.unprocessable(ProblemCodes.CART_CURRENCY_MISMATCH,
                            "The cart holds items priced in " + cart.currency().orElseThrow() + "; all items of a cart share one currency.")
                    .with("cartCurrency", cart.currency().orElseThrow());
        }
    }

    private void requireQuantityWithinLimit(int quantity) {
        if (quantity > maxQuantityPerLine) {
            throw limitExceeded("A cart holds at most " + maxQuantityPerLine + " units of one item.")
                    .with("maxQuantityPerLine", maxQuantityPerLine)
                    .with("requestedQuantity", quantity);
        }
    }

    private static ApiException limitExceeded(String detail) {
        return ApiException.unprocessable(ProblemCodes.CART_LIMIT_EXCEEDED, detail);
    }

    private static ApiException checkedOut(Cart cart) {
        return ApiException.conflict(ProblemCodes.CART_CHECKED_OUT,
                        "Cart " + cart.id() + " is being checked out (" + cart.checkoutId() + ") and takes no more changes.")
                .with("cartId", cart.id())
                .with("checkoutId", cart.checkoutId());
    }

    private static ApiException empty() {
        return ApiException.conflict(ProblemCodes.CART_EMPTY, "The cart is empty; there is nothing to check out.");
    }

    private static ApiException itemNotFound(String itemId) {
        return ApiException.notFound(ProblemCodes.CART_ITEM_NOT_FOUND, "The cart has no item " + itemId + ".")
                .with("itemId", itemId);
    }

    private Cart withItems(CartStore.Row row) {
        return new Cart(row.id(), row.userId(), row.status(), row.checkoutId(), row.mergedInto(), row.version(),
                row.createdAt(), row.updatedAt(), carts.items(row.id()));
    }

    private Cart reloaded(String cartId) {
        return withItems(carts.find(cartId).orElseThrow());
    }

    /**
     * Runs {@code work} in one transaction. A duplicate key means a concurrent first write created the user's cart
     * meanwhile; running once more then finds it. A lock that cannot be had answers 409 CONCURRENT_UPDATE.
     */
    private <T> T inTransaction(String cartKey, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> work.get());
            } catch (DuplicateKeyException raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            } catch (PessimisticLockingFailureException busy) {
                throw ApiException.conflict(ProblemCodes.CONCURRENT_UPDATE,
                        "Another change of cart " + cartKey + " is still running; retry shortly.");
            }
        }
    }

    private static String key(Shopper shopper) {
        return shopper.signedIn() ? "user:" + shopper.userId() : shopper.cartId();
    }

    private static List<CartEvents.Item> eventItems(List<CartItem> items) {
        return items.stream().map(CartService::eventItem).toList();
    }

    private static CartEvents.Item eventItem(CartItem i) {
        return new CartEvents.Item(i.id(), i.productId(), i.variantId(), i.name(), i.unitPrice(), i.currency(), i.quantity());
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
