package dev.souk.delivery.api;

import dev.souk.delivery.shipment.Shipment;
import dev.souk.delivery.shipment.ShipmentService;
import dev.souk.delivery.shipment.ShipmentStatus;
import dev.souk.kit.security.Access;
import dev.souk.contracts.Ids;
import dev.souk.kit.web.PageResponse;
import dev.souk.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.PageRequest;
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

import java.net.URI;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/delivery")
@Validated
@Tag(name = "Delivery", description = "Shipments of confirmed orders. Status moves CREATED → PICKED_UP → IN_TRANSIT → "
        + "DELIVERED (by an admin or the carrier), or to CANCELLED while still CREATED. Every change is kept in the "
        + "shipment's history and published as ShipmentStatusChanged on delivery-events.")
public class DeliveryController {

    static final int MAX_TEXT = 500;

    private final ShipmentService shipments;

    DeliveryController(ShipmentService shipments) {
        this.shipments = shipments;
    }

    public record CreateShipmentRequest(
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId,
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
            @NotBlank @Size(max = MAX_TEXT) String shippingAddress) {
    }

    public record StatusRequest(
            @Schema(description = "The status to move to: the next one, or the current one (no change).",
                    allowableValues = {"CREATED", "PICKED_UP", "IN_TRANSIT", "DELIVERED", "CANCELLED"})
            @NotNull @Pattern(regexp = ShipmentStatus.PATTERN, message = "must be one of " + ShipmentStatus.PATTERN) String status,
            @Size(max = MAX_TEXT) String note) {
    }

    public record CancelRequest(@NotBlank @Size(max = MAX_TEXT) String reason) {
    }

    public record StatusChangeResponse(ShipmentStatus from, ShipmentStatus to, String note, Instant at) {
    }

    public record ShipmentResponse(String id, String orderId, String userId, String shippingAddress, String carrier,
                                   String trackingNumber, ShipmentStatus status, List<StatusChangeResponse> history,
                                   Instant createdAt, Instant updatedAt) {
        static ShipmentResponse of(Shipment s) {
            return new ShipmentResponse(s.id(), s.orderId(), s.userId(), s.shippingAddress(), s.carrier(),
                    s.trackingNumber(), s.status(),
                    s.history().stream().map(c -> new StatusChangeResponse(c.from(), c.to(), c.note(), c.at())).toList(),
                    s.createdAt(), s.updatedAt());
        }
    }

    @PostMapping("/shipments")
    @Operation(summary = "Create the shipment of an order",
            description = "201 with a new CREATED shipment (carrier and tracking number assigned) and a ShipmentCreated "
                    + "event. Idempotent per orderId: when the order already has a shipment, answers 200 with it unchanged.")
    ResponseEntity<ShipmentResponse> create(@Valid @RequestBody CreateShipmentRequest request) {
        ShipmentService.Outcome outcome = shipments.create(request.orderId(), request.userId(), request.shippingAddress());
        ShipmentResponse body = ShipmentResponse.of(outcome.shipment());
        return outcome.created()
                ? ResponseEntity.created(URI.create("/api/delivery/" + body.orderId())).body(body)
                : ResponseEntity.ok(body);
    }

    @GetMapping("/shipments")
    @Operation(summary = "List shipments", description = "Newest first; optionally only one status and/or one user's. "
            + "A customer sees only their own: without userId the list is theirs, another user's id is 403 FORBIDDEN.")
    PageResponse<ShipmentResponse> list(@RequestParam(required = false) ShipmentStatus status,
                                        @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
                                        @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                        @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Caller caller = Access.caller();
        String owner = userId == null && !caller.isPrivileged() ? caller.userId() : userId;
        if (owner != null) {
            Access.requireActingFor(owner);
        }
        return PageResponse.of(shipments.list(status, owner, PageRequest.of(page, size)), ShipmentResponse::of);
    }

    @GetMapping("/shipments/{shipmentId}")
    @Operation(summary = "A shipment by its own id",
            description = "404 SHIPMENT_NOT_FOUND when there is none; 403 FORBIDDEN for a customer when it is another user's.")
    ShipmentResponse byId(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String shipmentId) {
        return ownedByCaller(shipments.byId(shipmentId));
    }

    @GetMapping("/{orderId}")
    @Operation(summary = "Track the shipment of an order",
            description = "Status, carrier, tracking number and the full history. 404 SHIPMENT_NOT_FOUND when the order "
                    + "has none; 403 FORBIDDEN for a customer when it is another user's.")
    ShipmentResponse ofOrder(@Parameter(description = "The order's id") @PathVariable
                             @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId) {
        return ownedByCaller(shipments.ofOrder(orderId));
    }

    @PutMapping("/{orderId}/status")
    @Operation(summary = "Move a shipment to its next status (admin)",
            description = "Only one step forward: CREATED → PICKED_UP → IN_TRANSIT → DELIVERED. The current status "
                    + "answers 200 without a change; anything else (backwards, skipping, CANCELLED) is 409 "
                    + "INVALID_SHIPMENT_TRANSITION with currentStatus and allowedStatus. Each change publishes "
                    + "ShipmentStatusChanged. Use the cancel command to cancel.")
    ShipmentResponse changeStatus(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId,
                                  @Valid @RequestBody StatusRequest request) {
        return ShipmentResponse.of(shipments.changeStatus(orderId, ShipmentStatus.valueOf(request.status()), request.note()));
    }

    @PostMapping("/{orderId}/cancel")
    @Operation(summary = "Cancel the shipment of an order",
            description = "Only while CREATED → CANCELLED with ShipmentStatusChanged; repeating answers 200 unchanged. "
                    + "409 SHIPMENT_ALREADY_SHIPPED once picked up; 404 SHIPMENT_NOT_FOUND when the order has no "
                    + "shipment (nothing to cancel).")
    ShipmentResponse cancel(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId,
                            @Valid @RequestBody CancelRequest request) {
        return ShipmentResponse.of(shipments.cancel(orderId, request.reason()));
    }

    private static ShipmentResponse ownedByCaller(Shipment shipment) {
        Access.requireActingFor(shipment.userId());
        return ShipmentResponse.of(shipment);
    }
}
