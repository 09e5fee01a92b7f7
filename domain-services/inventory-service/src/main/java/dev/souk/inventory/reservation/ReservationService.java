package dev.souk.inventory.reservation;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.events.InventoryEvents;
import dev.souk.contracts.events.InventoryEvents.StockCommitted;
import dev.souk.contracts.events.InventoryEvents.StockReleased;
import dev.souk.contracts.events.InventoryEvents.StockReserved;
import dev.souk.inventory.reservation.Reservation.Line;
import dev.souk.inventory.reservation.Reservation.Status;
import dev.souk.inventory.stock.StockStore;
import dev.souk.kit.outbox.Outbox;
import dev.souk.kit.problem.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reserve, commit and release are each one transaction and idempotent per order id, so the order process
 * (or any retry) may repeat them safely. A reservation is all-or-nothing across its lines.
 */
@Service
public class ReservationService {

    private final ReservationStore reservations;
    private final StockStore stock;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ReservationService(ReservationStore reservations, StockStore stock, Outbox outbox,
                       TransactionTemplate transaction, Clock clock) {
        this.reservations = reservations;
        this.stock = stock;
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
    }

    public record Outcome(Reservation reservation, boolean created) {
    }

    public record ShortItem(String productId, String variantId, int requested, int available) {
    }

    public Outcome reserve(String orderId, List<Line> requested) {
        List<Line> lines = merged(requested);
        return onceForOrder(() -> reserveInTransaction(orderId, lines));
    }

    public Reservation release(String orderId) {
        return onceForOrder(() -> releaseInTransaction(orderId));
    }

    public Reservation commit(String orderId) {
        return transaction.execute(status -> {
            Reservation reservation = reservations.findForUpdate(orderId)
                    .orElseThrow(() -> ApiException.notFound(ProblemCodes.RESERVATION_NOT_FOUND, "No reservation for order " + orderId + "."));
            return switch (reservation.status()) {
                case COMMITTED -> reservation;
                case RELEASED -> throw ApiException.conflict(ProblemCodes.RESERVATION_RELEASED,
                        "The reservation of order " + orderId + " was released and cannot be committed.");
                case RESERVED -> {
                    Instant now = clock.instant();
                    reservation.lines().forEach(l -> stock.commit(l.productId(), l.variantId(), l.quantity(), now));
                    reservations.setStatus(orderId, Status.COMMITTED, now);
                    outbox.record(new StockCommitted(orderId, eventLines(reservation.lines())));
                    yield reservations.find(orderId).orElseThrow();
                }
            };
        });
    }

    /**
     * Reservations in {@code status} made before {@code createdBefore}, oldest first, after the given one (null: from
     * the start), at most {@code limit}.
     */
    public List<Reservation> list(Status status, Instant createdBefore, Instant afterCreatedAt, String afterOrderId, int limit) {
        return reservations.list(status, createdBefore, afterCreatedAt, afterOrderId, limit);
    }

    public Reservation get(String orderId) {
        return reservations.find(orderId)
                .orElseThrow(() -> ApiException.notFound(ProblemCodes.RESERVATION_NOT_FOUND, "No reservation for order " + orderId + "."));
    }

    private Outcome reserveInTransaction(String orderId, List<Line> lines) {
        Reservation existing = reservations.findForUpdate(orderId).orElse(null);
        if (existing != null) {
            return repeated(existing, lines);
        }
        Instant now = clock.instant();
        reservations.insert(orderId, Status.RESERVED, lines, now);
        List<ShortItem> shortItems = new ArrayList<>();
        for (Line line : lines) {
            if (!stock.reserve(line.productId(), line.variantId(), line.quantity(), now)) {
                int available = stock.find(line.productId(), line.variantId()).map(s -> s.available()).orElse(0);
                shortItems.add(new ShortItem(line.productId(), line.variantId(), line.quantity(), available));
            }
        }
        if (!shortItems.isEmpty()) {
            // thrown inside the transaction: every unit held above is given back by the rollback
            throw ApiException.conflict(ProblemCodes.OUT_OF_STOCK, "Not enough stock for " + shortItems.size() + " item(s).")
                    .with("shortItems", shortItems);
        }
        outbox.record(new StockReserved(orderId, eventLines(lines)));
        return new Outcome(reservations.find(orderId).orElseThrow(), true);
    }

    private Outcome repeated(Reservation existing, List<Line> lines) {
        if (existing.status() == Status.RELEASED) {
            throw ApiException.conflict(ProblemCodes.RESERVATION_RELEASED,
                    "Order " + existing.orderId() + " was released or cancelled; it cannot reserve again.");
        }
        if (!merged(existing.lines()).equals(lines)) {
            throw ApiException.conflict(ProblemCodes.RESERVATION_MISMATCH,
                    "Order " + existing.orderId() + " already holds a reservation with other items.");
        }
        return new Outcome(existing, false);
    }

    /**
     * Releasing an order that never reserved leaves a released marker, so a reservation that arrives late
     * (after its order was cancelled) is refused instead of holding stock forever.
     */
    private Reservation releaseInTransaction(String orderId) {
        Reservation reservation = reservations.findForUpdate(orderId).orElse(null);
        Instant now = clock.instant();
        if (reservation == null) {
            reservations.insert(orderId, Status.RELEASED, List.of(), now);
            return reservations.find(orderId).orElseThrow();
        }
        return switch (reservation.status()) {
            case RELEASED -> reservation;
            case RESERVED, COMMITTED -> {
                // a committed order that is cancelled before it ships puts its sold units back on the shelf
                boolean sold = reservation.status() == Status.COMMITTED;
                reservation.lines().forEach(l -> {
                    if (sold) {
                        stock.restock(l.productId(), l.variantId(), l.quantity(), now);
                    } else {
                        stock.release(l.productId(), l.variantId(), l.quantity(), now);
                    }
                });
                reservations.setStatus(orderId, Status.RELEASED, now);
                outbox.record(new StockReleased(orderId, eventLines(reservation.lines())));
                yield reservations.find(orderId).orElseThrow();
            }
        };
    }

    /** Runs {@code work} in a transaction; when a concurrent request for the same order won the race, runs it once more. */
    private <T> T onceForOrder(Supplier<T> work) {
        try {
            return transaction.execute(status -> work.get());
        } catch (DuplicateKeyException raced) {
            return transaction.execute(status -> work.get());
        }
    }

    /** One line per variant, in a fixed order, so concurrent reservations lock rows in the same order. */
    static List<Line> merged(List<Line> requested) {
        Map<String, Line> byVariant = new LinkedHashMap<>();
        for (Line line : requested) {
            byVariant.merge(line.productId() + "\u0000" + line.variantId(), line,
                    (a, b) -> new Line(a.productId(), a.variantId(), Math.addExact(a.quantity(), b.quantity())));
        }
        return byVariant.values().stream()
                .sorted(Comparator.comparing(Line::productId).thenComparing(Line::variantId))
                .toList();
    }

    private static List<InventoryEvents.Line> eventLines(List<Line> lines) {
        return lines.stream().map(l -> new InventoryEvents.Line(l.productId(), l.variantId(), l.quantity())).toList();
    }
}
