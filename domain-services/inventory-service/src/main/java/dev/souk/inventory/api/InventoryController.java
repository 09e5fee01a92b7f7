package dev.souk.inventory.api;

import dev.souk.inventory.reservation.Reservation;
import dev.souk.inventory.reservation.ReservationService;
import dev.souk.inventory.stock.StockLevel;
import dev.souk.inventory.stock.StockService;
import dev.souk.contracts.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/inventory")
@Validated
@Tag(name = "Inventory")
public class InventoryController {

    static final int MAX_UNITS = 1_000_000;

    private final StockService stock;
    private final ReservationService reservations;

    InventoryController(StockService stock, ReservationService reservations) {
        this.stock = stock;
        this.reservations = reservations;
    }

    public record StockRequest(
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String variantId,
            @NotNull @Min(0) @Max(MAX_UNITS) Integer onHand) {
    }

    public record StockResponse(String productId, String variantId, int onHand, int reserved, int available) {
        static StockResponse of(StockLevel level) {
            return new StockResponse(level.productId(), level.variantId(), level.onHand(), level.reserved(), level.available());
        }
    }

    public record CheckResponse(String productId, String variantId, int requested, int available, boolean inStock) {
    }

    public record LineRequest(
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String variantId,
            @NotNull @Min(1) @Max(10_000) Integer quantity) {
    }

    public record ReserveRequest(
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull LineRequest> items) {
    }

    public record OrderRequest(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId) {
    }

    public record ReservationResponse(String orderId, Reservation.Status status, List<Reservation.Line> items,
                                      Instant createdAt, Instant updatedAt) {
        static ReservationResponse of(Reservation r) {
            return new ReservationResponse(r.orderId(), r.status(), r.lines(), r.createdAt(), r.updatedAt());
        }
    }

    @PutMapping("/stock")
    @Operation(summary = "Set the on-hand stock of a variant", description = "Idempotent; refused (409) below the units reserved by open orders.")
    StockResponse setStock(@Valid @RequestBody StockRequest request) {
        return StockResponse.of(stock.setOnHand(request.productId(), request.variantId(), request.onHand()));
    }

    @GetMapping("/stock")
    @Operation(summary = "Stock of every variant of a product")
    List<StockResponse> stockOfProduct(@RequestParam @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId) {
        return stock.ofProduct(productId).stream().map(StockResponse::of).toList();
    }

    @GetMapping("/stock/{productId}/{variantId}")
    StockResponse stockOfVariant(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
                                 @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String variantId) {
        return StockResponse.of(stock.get(productId, variantId));
    }

    @GetMapping("/check")
    @Operation(summary = "Whether a quantity of a variant is available", description = "Unknown variants have nothing available.")
    CheckResponse check(@RequestParam @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
                        @RequestParam @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String variantId,
                        @RequestParam(defaultValue = "1") @Min(1) @Max(MAX_UNITS) int quantity) {
        int available = stock.available(productId, variantId);
        return new CheckResponse(productId, variantId, quantity, available, available >= quantity);
    }

    @PostMapping("/reserve")
    @Operation(summary = "Hold stock for all items of one order",
            description = "All or nothing: 409 OUT_OF_STOCK lists the short items and holds nothing. Repeating the same "
                    + "reservation answers 200 with the existing one.")
    ResponseEntity<ReservationResponse> reserve(@Valid @RequestBody ReserveRequest request) {
        List<Reservation.Line> lines = request.items().stream()
                .map(i -> new Reservation.Line(i.productId(), i.variantId(), i.quantity()))
                .toList();
        ReservationService.Outcome outcome = reservations.reserve(request.orderId(), lines);
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ReservationResponse.of(outcome.reservation()));
    }

    @PostMapping("/release")
    @Operation(summary = "Give an order's stock back to sale",
            description = "Held units are released; units already committed (sold but not shipped) return to the shelf. "
                    + "Idempotent; an order released before it reserved can no longer reserve.")
    ReservationResponse release(@Valid @RequestBody OrderRequest request) {
        return ReservationResponse.of(reservations.release(request.orderId()));
    }

    @PostMapping("/commit")
    @Operation(summary = "Turn an order's held stock into sold stock", description = "Idempotent.")
    ReservationResponse commit(@Valid @RequestBody OrderRequest request) {
        return ReservationResponse.of(reservations.commit(request.orderId()));
    }

    /** A page of reservations; {@code next} (with {@code more}) is the {@code after} of the following page. */
    public record ReservationList(List<ReservationResponse> items, boolean more, String next) {
    }

    @GetMapping("/reservations")
    @Operation(summary = "Reservations in one status, oldest first",
            description = "For staff and the hub's scheduler, which sweeps reservations still held for orders that are "
                    + "gone or cancelled. `createdBefore` (ISO-8601 instant, default now) and `limit` bound the list; "
                    + "`more` tells that further reservations matched, and `next` is the `after` that reads them.")
    ReservationList reservations(@RequestParam Reservation.Status status,
                                 @RequestParam(required = false) Instant createdBefore,
                                 @RequestParam(required = false) @Pattern(regexp = CURSOR, message = CURSOR_MESSAGE) String after,
                                 @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        Instant afterCreatedAt = after == null ? null : Instant.parse(after.substring(0, after.indexOf('~')));
        String afterOrderId = after == null ? null : after.substring(after.indexOf('~') + 1);
        List<Reservation> found = reservations.list(status, createdBefore == null ? Instant.now() : createdBefore,
                afterCreatedAt, afterOrderId, limit + 1);
        List<Reservation> page = found.stream().limit(limit).toList();
        boolean more = found.size() > limit;
        Reservation last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new ReservationList(page.stream().map(ReservationResponse::of).toList(), more,
                more ? last.createdAt() + "~" + last.orderId() : null);
    }

    /** {@code <ISO instant>~<order id>}: where the previous page ended. */
    static final String CURSOR = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z~" + Ids.PATTERN;
    static final String CURSOR_MESSAGE = "must be the `next` of the previous page";

    @GetMapping("/reservations/{orderId}")
    ReservationResponse reservation(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId) {
        return ReservationResponse.of(reservations.get(orderId));
    }
}
