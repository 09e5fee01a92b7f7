package dev.souk.delivery.shipment;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.events.DeliveryEvents.ShipmentCreated;
import dev.souk.contracts.events.DeliveryEvents.ShipmentStatusChanged;
import dev.souk.delivery.shipment.Shipment.StatusChange;
import dev.souk.kit.outbox.Outbox;
import dev.souk.kit.problem.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Every command is one transaction on the shipment's locked row and is idempotent per order id, so the order
 * process (or any retry) may repeat it safely. Each status change appends to the history and records a
 * {@link ShipmentStatusChanged} event in the outbox, whoever caused it (an admin or the carrier).
 */
@Service
public class ShipmentService {

    private static final char[] TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ShipmentStore shipments;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String carrier;

    ShipmentService(ShipmentStore shipments, Outbox outbox, TransactionTemplate transaction, Clock clock,
                    @Value("${souk.delivery.carrier:Souk Express}") String carrier) {
        this.shipments = shipments;
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
        this.carrier = carrier;
    }

    public record Outcome(Shipment shipment, boolean created) {
    }

    /** Creates the order's shipment; when it already has one, answers that one unchanged. */
    public Outcome create(String orderId, String userId, String shippingAddress) {
        return onceForOrder(() -> {
            Shipment existing = shipments.findByOrderForUpdate(orderId).orElse(null);
            if (existing != null) {
                return new Outcome(existing, false);
            }
            Instant now = clock.instant();
            Shipment shipment = new Shipment("shp-" + UUID.randomUUID(), orderId, userId, shippingAddress.strip(),
                    carrier, trackingNumber(), ShipmentStatus.CREATED, List.of(), now, now);
            shipments.insert(shipment);
            shipments.addChange(shipment.id(), 1, new StatusChange(null, ShipmentStatus.CREATED, "Shipment created", now));
            outbox.record(new ShipmentCreated(shipment.id(), orderId, userId, shipment.carrier(), shipment.trackingNumber()));
            return new Outcome(shipments.findByOrder(orderId).orElseThrow(), true);
        });
    }

    /**
     * Moves the order's shipment forward to {@code target}, which must be the next status; asking for the status
     * it already has changes nothing.
     */
    public Shipment changeStatus(String orderId, ShipmentStatus target, String note) {
        return transaction.execute(tx -> {
            Shipment shipment = lockedShipmentOf(orderId);
            if (shipment.status() == target) {
                return shipment;
            }
            if (shipment.status().next().orElse(null) != target) {
                throw ApiException.conflict(ProblemCodes.INVALID_SHIPMENT_TRANSITION,
                                "The shipment of order " + orderId + " is " + shipment.status() + " and cannot move to " + target
                                        + (shipment.status().isFinal() ? "." : "; only " + shipment.status().next().get() + " is next."))
                        .with("currentStatus", shipment.status())
                        .with("requestedStatus", target)
                        .with("allowedStatus", shipment.status().next().orElse(null));
            }
            return transition(shipment, target, note);
        });
    }

    /** Cancels the order's shipment while it has not left the warehouse; repeating it changes nothing. */
    public Shipment cancel(String orderId, String reason) {
        return transaction.execute(tx -> {
            Shipment shipment = lockedShipmentOf(orderId);
            return switch (shipment.status()) {
                case CANCELLED -> shipment;
                case CREATED -> transition(shipment, ShipmentStatus.CANCELLED, reason);
                case PICKED_UP, IN_TRANSIT, DELIVERED -> throw ApiException.conflict(ProblemCodes.SHIPMENT_ALREADY_SHIPPED,
                                "The shipment of order " + orderId + " is already " + shipment.status() + " and can no longer be cancelled.")
                        .with("currentStatus", shipment.status());
            };
        });
    }

    /**
     * The carrier's step: moves the order's shipment to its next status if it is still on its way and its last
     * change is at or before {@code unchangedSince}. Answers whether it moved.
     */
    public boolean advanceIfUnchangedSince(String orderId, Instant unchangedSince) {
        Boolean moved = transaction.execute(tx -> {
            Shipment shipment = shipments.findByOrderForUpdate(orderId).orElse(null);
            if (shipment == null || shipment.status().isFinal() || shipment.updatedAt().isAfter(unchangedSince)) {
                return false;
            }
            ShipmentStatus next = shipment.status().next().orElseThrow();
            transition(shipment, next, carrierScan(shipment.carrier(), next));
            return true;
        });
        return Boolean.TRUE.equals(moved);
    }

    /** Order ids of shipments on their way whose last change is at or before {@code unchangedSince}, oldest first. */
    public List<String> openShipmentsUnchangedSince(Instant unchangedSince, int limit) {
        return shipments.openOrderIdsUnchangedSince(unchangedSince, limit);
    }

    public Shipment ofOrder(String orderId) {
        return transaction.execute(tx -> shipments.findByOrder(orderId).orElseThrow(() -> notFound("order " + orderId)));
    }

    public Shipment byId(String shipmentId) {
        return transaction.execute(tx -> shipments.findById(shipmentId).orElseThrow(() -> notFound("id " + shipmentId)));
    }

    /** Newest first. */
    public Page<Shipment> list(ShipmentStatus status, String userId, Pageable pageable) {
        return transaction.execute(tx -> {
            long total = shipments.count(status, userId);
            List<Shipment> content = total <= pageable.getOffset()
                    ? List.of()
                    : shipments.page(status, userId, pageable.getOffset(), pageable.getPageSize());
            return new PageImpl<>(content, pageable, total);
        });
    }

    /** The single place a status changes: row, history and event together, in the caller's transaction. */
    private Shipment transition(Shipment shipment, ShipmentStatus to, String note) {
        Instant now = clock.instant();
        String trimmedNote = note == null || note.isBlank() ? null : note.strip();
        shipments.setStatus(shipment.id(), to, now);
        shipments.addChange(shipment.id(), shipment.history().size() + 1, new StatusChange(shipment.status(), to, trimmedNote, now));
        outbox.record(new ShipmentStatusChanged(shipment.id(), shipment.orderId(), shipment.userId(),
                shipment.status().name(), to.name(), trimmedNote));
        return shipments.findByOrder(shipment.orderId()).orElseThrow();
    }

    private static String carrierScan(String carrier, ShipmentStatus status) {
        return switch (status) {
            case PICKED_UP -> "Picked up by " + carrier;
            case IN_TRANSIT -> "In transit with " + carrier;
            case DELIVERED -> "Delivered by " + carrier;
            case CREATED, CANCELLED -> throw new IllegalArgumentException("A carrier never moves a shipment to " + status);
        };
    }

    private Shipment lockedShipmentOf(String orderId) {
        return shipments.findByOrderForUpdate(orderId).orElseThrow(() -> notFound("order " + orderId));
    }

    private static ApiException notFound(String what) {
        return ApiException.notFound(ProblemCodes.SHIPMENT_NOT_FOUND, "No shipment for " + what + ".");
    }

    /** Runs {@code work} in a transaction; when a concurrent request for the same order won the race, runs it once more. */
    private <T> T onceForOrder(Supplier<T> work) {
        try {
            return transaction.execute(tx -> work.get());
        } catch (DuplicateKeyException raced) {
            return transaction.execute(tx -> work.get());
        }
    }

    /** Like SX-7KQ2-M9TB-4HWD: no 0/O or 1/I, so it can be read over the phone. */
    private static String trackingNumber() {
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            char[] group = new char[4];
            for (int i = 0; i < group.length; i++) {
                group[i] = TRACKING_ALPHABET[RANDOM.nextInt(TRACKING_ALPHABET.length)];
            }
            groups.add(new String(group));
        }
        return "SX-" + String.join("-", groups);
    }
}
