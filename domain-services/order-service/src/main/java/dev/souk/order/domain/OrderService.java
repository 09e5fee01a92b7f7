package dev.souk.order.domain;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.events.DomainEvent;
import dev.souk.contracts.events.OrderEvents;
import dev.souk.contracts.events.OrderEvents.OrderCancelled;
import dev.souk.contracts.events.OrderEvents.OrderCompleted;
import dev.souk.contracts.events.OrderEvents.OrderConfirmed;
import dev.souk.contracts.events.OrderEvents.OrderCreated;
import dev.souk.kit.outbox.Outbox;
import dev.souk.kit.problem.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The order commands. Each runs in one transaction, records its event in the outbox with the change, and is
 * idempotent: the order process retries them, so a repeated command answers the order as it is without
 * changing it or publishing again.
 */
@Service
public class OrderService {

    private final OrderRepository orders;
    private final OpenOrders openOrders;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String defaultCurrency;

    OrderService(OrderRepository orders, OpenOrders openOrders, Outbox outbox, TransactionTemplate transaction, Clock clock,
                 @Value("${souk.order.default-currency:USD}") String defaultCurrency) {
        this.orders = orders;
        this.openOrders = openOrders;
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
        this.defaultCurrency = defaultCurrency;
    }

    /**
     * What the caller asks for; prices come from the catalog (via the caller), totals are computed here. With
     * {@code limits} (a customer's own order) the customer's unpaid orders are capped; without, nothing is counted.
     */
    public record Placement(String orderId, String userId, String shippingAddress, String paymentMethodId,
                            String currency, List<Line> items, OpenOrders.Limits limits) {

        int units() {
            return items.stream().mapToInt(Line::quantity).sum();
        }
    }

    public record Line(String productId, String variantId, String name, BigDecimal unitPrice, int quantity) {
    }

    public record Placed(Order order, boolean created) {
    }

    /**
     * Creates the order PENDING. The same placement again answers the existing order; the same id with other
     * content is a conflict. Two identical placements arriving at once create one order: the loser of the
     * insert race finds the winner's order and answers it. A placement with limits is refused (409
     * TOO_MANY_OPEN_ORDERS) when the customer's unpaid orders would exceed them; see {@link OpenOrders}.
     */
    public Placed place(Placement placement) {
        if (placement.limits() != null) {
            openOrders.prepareTurn(placement.userId());
        }
        try {
            return transaction.execute(tx -> placeInTransaction(placement));
        } catch (DataIntegrityViolationException raced) {
            return transaction.execute(tx -> orders.findById(placement.orderId())
                    .map(existing -> repeated(existing, toOrder(placement)))
                    .orElseThrow(() -> raced));
        }
    }

    public Order confirm(String orderId, String paymentId) {
        return change(orderId, order -> order.confirm(paymentId, now())
                ? Optional.of(new OrderConfirmed(order.id(), order.userId(), paymentId, eventItems(order), order.total(),
                order.currency(), order.shippingAddress()))
                : Optional.empty());
    }

    public Order cancel(String orderId, String reason) {
        return change(orderId, order -> {
            Order.Status previous = order.status();
            return order.cancel(reason, now())
                    ? Optional.of(new OrderCancelled(order.id(), order.userId(), previous.name(), reason.strip()))
                    : Optional.empty();
        });
    }

    public Order complete(String orderId, String reason) {
        return change(orderId, order -> order.complete(reason, now())
                ? Optional.of(new OrderCompleted(order.id(), order.userId()))
                : Optional.empty());
    }

    public Order get(String orderId) {
        return orders.findById(orderId).orElseThrow(() -> notFound(orderId));
    }

    /** Both filters optional; the caller chooses the sort (newest first). */
    public Page<Order> list(String userId, Order.Status status, Pageable pageable) {
        if (userId != null && status != null) {
            return orders.findByUserIdAndStatus(userId, status, pageable);
        }
        if (userId != null) {
            return orders.findByUserId(userId, pageable);
        }
        return status != null ? orders.findByStatus(status, pageable) : orders.findAll(pageable);
    }

    private Placed placeInTransaction(Placement placement) {
        Order requested = toOrder(placement);
        if (placement.limits() != null) {
            openOrders.takeTurn(placement.userId());
        }
        Optional<Order> existing = orders.findById(placement.orderId());
        if (existing.isPresent()) {
            return repeated(existing.get(), requested);
        }
        if (placement.limits() != null) {
            openOrders.requireRoom(placement.userId(), placement.units(), placement.limits());
        }
        Order order = orders.saveAndFlush(requested);
        outbox.record(new OrderCreated(order.id(), order.userId(), eventItems(order), order.total(), order.currency(),
                order.shippingAddress()));
        return new Placed(order, true);
    }

    private Order toOrder(Placement placement) {
        return new Order(placement.orderId(), placement.userId(), placement.shippingAddress(),
                placement.paymentMethodId(), placement.currency() == null ? defaultCurrency : placement.currency(),
                placement.items().stream()
                        .map(l -> new OrderItem(l.productId(), l.variantId(), l.name(), l.unitPrice(), l.quantity()))
                        .toList(),
                now());
    }

    private static Placed repeated(Order existing, Order requested) {
        if (!existing.samePlacementAs(requested)) {
            throw ApiException.conflict(ProblemCodes.ORDER_EXISTS,
                    "Order " + existing.id() + " already exists with other content.");
        }
        return new Placed(existing, false);
    }

    /**
     * Applies {@code command} to the order and records the event it answers. The version check makes one of
     * two concurrent changes lose; the loser answers 409 unless the order already is where its command would
     * have taken it, which makes it a repeat (e.g. the same confirmation delivered twice at once).
     */
    private Order change(String orderId, Function<Order, Optional<? extends DomainEvent>> command) {
        try {
            return transaction.execute(tx -> {
                Order order = get(orderId);
                command.apply(order).ifPresent(event -> {
                    orders.flush();
                    outbox.record(event);
                });
                return order;
            });
        } catch (OptimisticLockingFailureException lostRace) {
            return transaction.execute(tx -> {
                Order order = get(orderId);
                Order.Status current = order.status();
                if (command.apply(order).isPresent()) {
                    // thrown inside the transaction: the change the command just made in memory is rolled back
                    throw ApiException.conflict(ProblemCodes.CONCURRENT_UPDATE,
                                    "Order " + orderId + " was changed by a concurrent request; read it again before retrying.")
                            .with("status", current);
                }
                return order;
            });
        }
    }

    /** Microseconds: what both databases store, so an order answers the same timestamps before and after a reload. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static List<OrderEvents.Item> eventItems(Order order) {
        return order.items().stream()
                .map(i -> new OrderEvents.Item(i.productId(), i.variantId(), i.name(), i.unitPrice(), i.quantity()))
                .toList();
    }

    private static ApiException notFound(String orderId) {
        return ApiException.notFound(ProblemCodes.ORDER_NOT_FOUND, "No order with id " + orderId + ".");
    }
}
