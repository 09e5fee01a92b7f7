package dev.souk.order.domain;

import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An order and its lifecycle: PENDING → CONFIRMED → COMPLETED, or PENDING/CONFIRMED → CANCELLED.
 * Each command answers whether it changed the order: {@code false} means the order already is where the command
 * would take it (a repeated command), an {@link ApiException} that the command is not allowed from here.
 */
@Entity(name = "CustomerOrder")
@Table(name = "orders")
public class Order {

    public enum Status { PENDING, CONFIRMED, COMPLETED, CANCELLED }

    static final String PLACED = "Order placed";
    static final String COMPLETED_BY_DEFAULT = "Order completed";

    @Id
    private String id;
    private String userId;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private Status status;
    private String currency;
    private BigDecimal total;
    private String shippingAddress;
    private String paymentMethodId;
    private String paymentId;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private Long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_item", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    private List<OrderItem> items = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_status_change", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    private List<StatusChange> history = new ArrayList<>();

    protected Order() {
    }

    /** A new PENDING order; the total is the sum of the line totals. */
    public Order(String id, String userId, String shippingAddress, String paymentMethodId, String currency,
                 List<OrderItem> items, Instant now) {
        this.id = id;
        this.userId = userId;
        this.shippingAddress = shippingAddress.strip();
        this.paymentMethodId = paymentMethodId;
        this.currency = currency;
        this.items.addAll(items);
        this.total = OrderItem.Money.of(items.stream().map(OrderItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add));
        this.status = Status.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
        this.history.add(new StatusChange(null, Status.PENDING, PLACED, now));
    }

    /** Whether placing {@code other} again describes this same order (a retried request). */
    public boolean samePlacementAs(Order other) {
        if (!(userId.equals(other.userId) && shippingAddress.equals(other.shippingAddress)
                && Objects.equals(paymentMethodId, other.paymentMethodId) && currency.equals(other.currency)
                && items.size() == other.items.size())) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).sameAs(other.items.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** PENDING → CONFIRMED once the payment {@code paymentId} completed; repeating it with the same payment changes nothing. */
    public boolean confirm(String paymentId, Instant now) {
        if (status == Status.CONFIRMED && paymentId.equals(this.paymentId)) {
            return false;
        }
        if (status != Status.PENDING) {
            throw ApiException.conflict(ProblemCodes.ORDER_NOT_PENDING, status == Status.CONFIRMED
                    ? "Order " + id + " is already confirmed with payment " + this.paymentId + "."
                    : "Order " + id + " is " + status + "; only a PENDING order can be confirmed.")
                    .with("status", status);
        }
        this.paymentId = paymentId;
        moveTo(Status.CONFIRMED, "Payment " + paymentId + " completed", now);
        return true;
    }

    /** PENDING or CONFIRMED → CANCELLED; cancelling a cancelled order changes nothing. */
    public boolean cancel(String reason, Instant now) {
        return switch (status) {
            case CANCELLED -> false;
            case COMPLETED -> throw ApiException.conflict(ProblemCodes.ORDER_NOT_CANCELLABLE,
                    "Order " + id + " is already completed and can no longer be cancelled.").with("status", status);
            case PENDING, CONFIRMED -> {
                moveTo(Status.CANCELLED, reason.strip(), now);
                yield true;
            }
        };
    }

    /** CONFIRMED → COMPLETED (delivered); completing a completed order changes nothing. */
    public boolean complete(String reason, Instant now) {
        return switch (status) {
            case COMPLETED -> false;
            case PENDING, CANCELLED -> throw ApiException.conflict(ProblemCodes.ORDER_NOT_CONFIRMED,
                    "Order " + id + " is " + status + "; only a CONFIRMED order can be completed.").with("status", status);
            case CONFIRMED -> {
                moveTo(Status.COMPLETED, reason == null || reason.isBlank() ? COMPLETED_BY_DEFAULT : reason.strip(), now);
                yield true;
            }
        };
    }

    private void moveTo(Status next, String reason, Instant now) {
        history.add(new StatusChange(status, next, reason, now));
        status = next;
        updatedAt = now;
    }

    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public Status status() {
        return status;
    }

    public String currency() {
        return currency;
    }

    public BigDecimal total() {
        return total;
    }

    public String shippingAddress() {
        return shippingAddress;
    }

    public String paymentMethodId() {
        return paymentMethodId;
    }

    public String paymentId() {
        return paymentId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version == null ? 0 : version;
    }

    public List<OrderItem> items() {
        return List.copyOf(items);
    }

    public List<StatusChange> history() {
        return List.copyOf(history);
    }
}
