package dev.souk.cart.api;

import dev.souk.cart.domain.Cart;
import dev.souk.cart.domain.CartItem;
import dev.souk.cart.domain.CartService;
import dev.souk.cart.domain.CartService.ItemOutcome;
import dev.souk.cart.domain.CartService.MergeOutcome;
import dev.souk.cart.domain.CartService.NotMerged;
import dev.souk.cart.domain.NewItem;
import dev.souk.cart.domain.Shopper;
import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import dev.souk.contracts.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/cart")
@Validated
@Tag(name = "Cart", description = """
        The shopper's cart. Every request names whose cart it is by a header: `X-User-Id` for a signed-in user \
        (set by the gateway; the user's one active cart is created on the first write) or `X-Cart-Id` for an \
        anonymous cart (created with POST /api/cart). With both, `X-User-Id` wins; with neither the answer is \
        400 VALIDATION_FAILED.""")
public class CartController {

    static final String USER_HEADER = "X-User-Id";
    static final String CART_HEADER = "X-Cart-Id";
    static final String CURRENCY = "[A-Z]{3}";
    static final String CURRENCY_MESSAGE = "must be an ISO 4217 code of three capital letters";

    private final CartService carts;

    CartController(CartService carts) {
        this.carts = carts;
    }

    public record AddItemRequest(
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String variantId,
            @Schema(description = "The catalog's name of the product and variant", example = "Wireless Headphones - Black")
            @NotBlank @Size(max = 200) String name,
            @Schema(description = "The catalog's price now; the cart keeps it as the price the shopper saw", example = "149.99")
            @NotNull @DecimalMin("0.00") @Digits(integer = 13, fraction = 2) BigDecimal unitPrice,
            @Schema(description = "ISO 4217 code; the service's default (USD) when absent", example = "USD")
            @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @Schema(example = "1") @NotNull @Min(1) @Max(10_000) Integer quantity) {
    }

    public record QuantityRequest(@NotNull @Min(1) @Max(10_000) Integer quantity) {
    }

    public record MergeRequest(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String anonymousCartId) {
    }

    public record CheckoutRequest(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String checkoutId) {
    }

    public record ItemResponse(String cartId, String itemId, String productId, String variantId, String name,
                               BigDecimal unitPrice, String currency, int quantity, BigDecimal lineTotal,
                               Instant addedAt, Instant updatedAt) {
        static ItemResponse of(String cartId, CartItem i) {
            return new ItemResponse(cartId, i.id(), i.productId(), i.variantId(), i.name(), i.unitPrice(), i.currency(),
                    i.quantity(), i.lineTotal(), i.addedAt(), i.updatedAt());
        }
    }

    @Schema(description = "A cart; `id` is null for a signed-in user who has not put anything in a cart yet")
    public record CartResponse(String id, String userId, Cart.Status status, String checkoutId, List<ItemResponse> items,
                               BigDecimal total, String currency, int itemCount, int lineCount, long version,
                               Instant createdAt, Instant updatedAt) {
        static CartResponse of(Cart c, String defaultCurrency) {
            return new CartResponse(c.id(), c.userId(), c.status(), c.checkoutId(),
                    c.items().stream().map(i -> ItemResponse.of(c.id(), i)).toList(), c.total(),
                    c.currency().orElse(defaultCurrency), c.itemCount(), c.items().size(), c.version(),
                    c.createdAt(), c.updatedAt());
        }
    }

    public record MergeResponse(CartResponse cart, List<NotMerged> notMerged) {
    }

    @GetMapping
    @Operation(summary = "The shopper's cart",
            description = "Lines with their line totals, the cart total, currency, itemCount (units) and lineCount. A "
                    + "signed-in user without a cart gets an empty one; an unknown X-Cart-Id is 404 CART_NOT_FOUND.")
    CartResponse cart(@Parameter(description = "The signed-in user") @RequestHeader(name = USER_HEADER, required = false)
                      @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
                      @Parameter(description = "An anonymous cart's id") @RequestHeader(name = CART_HEADER, required = false)
                      @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String cartId) {
        return response(carts.get(shopper(userId, cartId)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start an anonymous cart",
            description = "Answers a new empty cart; send its id as X-Cart-Id from then on. Signed-in users (X-User-Id) "
                    + "do not need this: their cart is created on their first write (400 if X-User-Id is sent).")
    CartResponse createAnonymous(@RequestHeader(name = USER_HEADER, required = false) String userId) {
        if (userId != null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED,
                    "A signed-in user has one cart, created on the first item added; anonymous carts are for guests.");
        }
        return response(carts.createAnonymous());
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Empty the cart", description = "Publishes CartCleared; an empty cart stays as it is.")
    void clear(@RequestHeader(name = USER_HEADER, required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
               @RequestHeader(name = CART_HEADER, required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String cartId) {
        carts.clear(shopper(userId, cartId));
    }

    @PostMapping("/items")
    @Operation(summary = "Put a variant in the cart",
            description = "The caller (the integration hub) names and prices the variant from the catalog. A variant "
                    + "already in the cart gets the quantity added to its line, which takes the new name and price. "
                    + "422 CART_LIMIT_EXCEEDED above `souk.cart.max-quantity-per-line` units of a line or "
                    + "`souk.cart.max-lines` lines; 422 CART_CURRENCY_MISMATCH when the cart's lines are in another "
                    + "currency; 409 CART_CHECKED_OUT for an anonymous cart in checkout. Publishes CartItemAdded.")
    ResponseEntity<ItemResponse> addItem(
            @RequestHeader(name = USER_HEADER, required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
            @RequestHeader(name = CART_HEADER, required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String cartId,
            @Valid @RequestBody AddItemRequest request) {
        ItemOutcome outcome = carts.addItem(shopper(userId, cartId), new NewItem(request.productId(), request.variantId(),
                request.name(), request.unitPrice(), request.currency(), request.quantity()));
        return ResponseEntity.status(HttpStatus.CREATED).body(ItemResponse.of(outcome.cart().id(), outcome.item()));
    }

    @PutMapping("/items/{itemId}")
    @Operation(summary = "Change a line's quantity",
            description = "404 CART_ITEM_NOT_FOUND for an item not in the cart; 422 CART_LIMIT_EXCEEDED above the "
                    + "per-line limit. Publishes CartItemChanged (nothing when the quantity is unchanged).")
    ItemResponse changeQuantity(
            @RequestHeader(name = USER_HEADER, required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
            @RequestHeader(name = CART_HEADER, required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String cartId,
            @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String itemId,
            @Valid @RequestBody QuantityRequest request) {
        ItemOutcome outcome = carts.changeQuantity(shopper(userId, cartId), itemId, request.quantity());
        return ItemResponse.of(outcome.cart().id(), outcome.item());
    }

    @DeleteMapping("/items/{itemId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a line", description = "404 CART_ITEM_NOT_FOUND for an item not in the cart. Publishes CartItemRemoved.")
    void removeItem(
            @RequestHeader(name = USER_HEADER, required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
            @RequestHeader(name = CART_HEADER, required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String cartId,
            @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String itemId) {
        carts.removeItem(shopper(userId, cartId), itemId);
    }

    @PostMapping("/merge")
    @Operation(summary = "Merge an anonymous cart into the signed-in user's cart",
            description = "When a guest signs in: the anonymous cart's lines are added to the user's cart (quantities "
                    + "of one variant added up, capped at the limits; what did not fit is listed in `notMerged`) and "
                    + "the anonymous cart is closed. Merging a closed cart again changes nothing (200). Requires "
                    + "X-User-Id. Publishes CartMerged.")
    MergeResponse merge(
            @RequestHeader(name = USER_HEADER, required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
            @Valid @RequestBody MergeRequest request) {
        if (userId == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED,
                    "Merging needs the signed-in user (" + USER_HEADER + ").");
        }
        MergeOutcome outcome = carts.merge(userId, request.anonymousCartId());
        return new MergeResponse(response(outcome.cart()), outcome.notMerged());
    }

    @PostMapping("/checkout-started")
    @Operation(summary = "Hand the cart to a checkout",
            description = "Called by the checkout process: the cart becomes CHECKED_OUT atomically and its lines are "
                    + "answered; repeating it with the same checkoutId answers the same lines. 409 CART_EMPTY for an "
                    + "empty cart, 409 CART_CHECKED_OUT when the cart is already in another checkout. A signed-in "
                    + "user's next write starts a new cart. Publishes CartCheckedOut.")
    CartResponse checkoutStarted(
            @RequestHeader(name = USER_HEADER, required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
            @RequestHeader(name = CART_HEADER, required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String cartId,
            @Valid @RequestBody CheckoutRequest request) {
        return response(carts.startCheckout(shopper(userId, cartId), request.checkoutId()));
    }

    @PostMapping("/checkout-cancelled")
    @Operation(summary = "Give a cart back after its checkout failed",
            description = "Called by the checkout process when the order could not be placed: the cart is ACTIVE again "
                    + "(or, if the user started another cart meanwhile, its lines are merged into that one). Repeating "
                    + "it answers the same cart. 404 CART_NOT_FOUND when no cart was handed to that checkout. "
                    + "Publishes CartReopened.")
    CartResponse checkoutCancelled(
            @RequestHeader(name = USER_HEADER, required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
            @RequestHeader(name = CART_HEADER, required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String cartId,
            @Valid @RequestBody CheckoutRequest request) {
        return response(carts.cancelCheckout(shopper(userId, cartId), request.checkoutId()));
    }

    private CartResponse response(Cart cart) {
        return CartResponse.of(cart, carts.defaultCurrency());
    }

    private static Shopper shopper(String userId, String cartId) {
        if (userId != null) {
            return Shopper.user(userId);
        }
        if (cartId != null) {
            return Shopper.anonymous(cartId);
        }
        throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED,
                "Name the cart: " + USER_HEADER + " for a signed-in user or " + CART_HEADER + " for an anonymous cart.");
    }
}
