package dev.souk.order.api;

import dev.souk.contracts.Ids;
import dev.souk.kit.web.PageResponse;
import dev.souk.order.domain.OpenOrders;
import dev.souk.order.domain.Order;
import dev.souk.order.domain.OrderItem;
import dev.souk.order.domain.OrderService;
import dev.souk.order.domain.StatusChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/orders")
@Validated
@Tag(name = "Orders", description = "Orders and their lifecycle PENDING → CONFIRMED → COMPLETED, or CANCELLED. "
        + "Every command is idempotent and every status change is kept in the order's history.")
public class OrderController {

    static final int MAX_ITEMS = 100;
    static final int MAX_QUANTITY = 10_000;
    static final int MAX_TEXT = 500;
    private static final String CURRENCY = "[A-Z]{3}";
    private static final String CURRENCY_MESSAGE = "must be an ISO 4217 code such as USD";

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    public record ItemRequest(
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String variantId,
            @NotBlank @Size(max = 200) String name,
            @Schema(description = "Price of one unit, at most two decimals", example = "19.99")
            @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal unitPrice,
            @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {
    }

    @Schema(description = "A new order. The total is computed from the items; a total sent by the caller is ignored.")
    public record PlaceOrderRequest(
            @Schema(description = "Chosen by the caller (the order process), so a retry can repeat the request", example = "ord-1001")
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId,
            @Schema(example = "user-123")
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
            @Schema(example = "1 Market Street, Springfield")
            @NotBlank @Size(min = 1, max = MAX_TEXT) String shippingAddress,
            @Schema(example = "pm_abc")
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String paymentMethodId,
            @Schema(description = "ISO 4217; the service's default currency when absent", example = "USD")
            @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @NotEmpty @Size(max = MAX_ITEMS) List<@Valid @NotNull ItemRequest> items,
            @Schema(description = "A customer's own order: their unpaid orders, and the units those hold, may not exceed "
                    + "these (409 TOO_MANY_OPEN_ORDERS). Absent for orders staff place: nothing is counted.")
            @Valid OpenOrderLimits openOrderLimits) {

        OrderService.Placement toPlacement() {
            return new OrderService.Placement(orderId, userId, shippingAddress, paymentMethodId, currency,
                    items.stream()
                            .map(i -> new OrderService.Line(i.productId(), i.variantId(), i.name(), i.unitPrice(), i.quantity()))
                            .toList(),
                    openOrderLimits == null ? null
                            : new OpenOrders.Limits(openOrderLimits.maxOpenOrders(), openOrderLimits.maxOpenUnits()));
        }
    }

    public record OpenOrderLimits(
            @Schema(example = "5") @NotNull @Min(1) Integer maxOpenOrders,
            @Schema(example = "50") @NotNull @Min(1) Integer maxOpenUnits) {
    }

    public record ConfirmRequest(
            @Schema(description = "The completed payment that pays for the order", example = "pay-7f3a")
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String paymentId) {
    }

    public record CancelRequest(
            @Schema(example = "Customer changed their mind")
            @NotBlank @Size(max = MAX_TEXT) String reason) {
    }

    public record CompleteRequest(
            @Schema(description = "Recorded in the history; 'Order completed' when absent", example = "Delivered")
            @Size(max = MAX_TEXT) String reason) {
    }

    public record ItemResponse(String productId, String variantId, String name, BigDecimal unitPrice, int quantity,
                               BigDecimal lineTotal) {
        static ItemResponse of(OrderItem i) {
            return new ItemResponse(i.productId(), i.variantId(), i.name(), i.unitPrice(), i.quantity(), i.lineTotal());
        }
    }

    public record StatusChangeResponse(Order.Status from, Order.Status to, String reason, Instant at) {
        static StatusChangeResponse of(StatusChange c) {
            return new StatusChangeResponse(c.from(), c.to(), c.reason(), c.at());
        }
    }

    public record OrderResponse(String id, String userId, Order.Status status, List<ItemResponse> items,
                                String currency, BigDecimal total, String shippingAddress, String paymentMethodId,
                                String paymentId, List<StatusChangeResponse> history, Instant createdAt,
                                Instant updatedAt, long version) {
        static OrderResponse of(Order o) {
            return new OrderResponse(o.id(), o.userId(), o.status(), o.items().stream().map(ItemResponse::of).toList(),
                    o.currency(), o.total(), o.shippingAddress(), o.paymentMethodId(), o.paymentId(),
                    o.history().stream().map(StatusChangeResponse::of).toList(), o.createdAt(), o.updatedAt(), o.version());
        }
    }

    @PostMapping
    @Operation(summary = "Place an order (PENDING)",
            description = "Creates the order PENDING and publishes OrderCreated on order-created. Idempotent per orderId: "
                    + "the same orderId with the same content answers 200 with the existing order; with other content "
                    + "409 ORDER_EXISTS. 1-100 items, quantity 1-10000, unitPrice >= 0 with at most two decimals, "
                    + "shippingAddress 1-500 characters.")
    @ApiResponse(responseCode = "201", description = "Order created")
    @ApiResponse(responseCode = "200", description = "The same order was placed before; answered unchanged")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or MALFORMED_JSON; nothing is stored")
    @ApiResponse(responseCode = "409", description = "ORDER_EXISTS: the orderId is taken by an order with other content; "
            + "TOO_MANY_OPEN_ORDERS (with openOrders and openUnits): the customer's unpaid orders are at the given limits")
    ResponseEntity<OrderResponse> place(@Valid @RequestBody PlaceOrderRequest request) {
        OrderService.Placed placed = orders.place(request.toPlacement());
        OrderResponse body = OrderResponse.of(placed.order());
        return placed.created()
                ? ResponseEntity.created(URI.create("/api/orders/" + body.id())).body(body)
                : ResponseEntity.ok(body);
    }

    @PostMapping("/{id}/confirm")
    @Operation(summary = "Confirm a paid order (PENDING → CONFIRMED)",
            description = "Publishes OrderConfirmed on order-confirmed. Repeating it with the same paymentId answers 200 "
                    + "unchanged; a CONFIRMED order with another payment, or a CANCELLED or COMPLETED order, answers 409 "
                    + "ORDER_NOT_PENDING.")
    @ApiResponse(responseCode = "200", description = "The order, CONFIRMED")
    @ApiResponse(responseCode = "404", description = "ORDER_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "ORDER_NOT_PENDING, or CONCURRENT_UPDATE when a concurrent command won")
    OrderResponse confirm(@PathVariable @Parameter(example = "ord-1001") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                          @Valid @RequestBody ConfirmRequest request) {
        return OrderResponse.of(orders.confirm(id, request.paymentId()));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel an order (PENDING or CONFIRMED → CANCELLED)",
            description = "Publishes OrderCancelled on order-cancelled with previousStatus, so consumers know whether money "
                    + "was taken (CONFIRMED: refund) or only stock held (PENDING: release). Repeating it answers 200 "
                    + "unchanged; a COMPLETED order answers 409 ORDER_NOT_CANCELLABLE.")
    @ApiResponse(responseCode = "200", description = "The order, CANCELLED")
    @ApiResponse(responseCode = "404", description = "ORDER_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "ORDER_NOT_CANCELLABLE, or CONCURRENT_UPDATE when a concurrent command won")
    OrderResponse cancel(@PathVariable @Parameter(example = "ord-1001") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                         @Valid @RequestBody CancelRequest request) {
        return OrderResponse.of(orders.cancel(id, request.reason()));
    }

    @PostMapping("/{id}/complete")
    @Operation(summary = "Complete a delivered order (CONFIRMED → COMPLETED)",
            description = "Publishes OrderCompleted on order-completed. The body is optional. Repeating it answers 200 "
                    + "unchanged; any other status answers 409 ORDER_NOT_CONFIRMED.")
    @ApiResponse(responseCode = "200", description = "The order, COMPLETED")
    @ApiResponse(responseCode = "404", description = "ORDER_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "ORDER_NOT_CONFIRMED, or CONCURRENT_UPDATE when a concurrent command won")
    OrderResponse complete(@PathVariable @Parameter(example = "ord-1001") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                           @Valid @RequestBody(required = false) CompleteRequest request) {
        return OrderResponse.of(orders.complete(id, request == null ? null : request.reason()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "An order with its items and status history")
    @ApiResponse(responseCode = "200", description = "The order")
    @ApiResponse(responseCode = "404", description = "ORDER_NOT_FOUND")
    OrderResponse get(@PathVariable @Parameter(example = "ord-1001") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id) {
        return OrderResponse.of(orders.get(id));
    }

    @GetMapping
    @Operation(summary = "List orders, newest first", description = "Optionally only one user's and/or one status.")
    @ApiResponse(responseCode = "200", description = "One page of orders")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED, e.g. an unknown status or a page size above 100")
    PageResponse<OrderResponse> list(@RequestParam(required = false) @Parameter(example = "user-123")
                                     @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
                                     @RequestParam(required = false) Order.Status status,
                                     @RequestParam(defaultValue = "0") @Min(0) int page,
                                     @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt", "id"));
        return PageResponse.of(orders.list(userId, status, request), OrderResponse::of);
    }
}
