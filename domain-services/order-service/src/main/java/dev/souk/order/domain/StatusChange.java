package dev.souk.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** One entry of an order's status history; {@code from} is null for the entry written when the order was placed. */
@Embeddable
public class StatusChange {

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "from_status")
    private Order.Status from;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "to_status")
    private Order.Status to;
    private String reason;
    @Column(name = "changed_at")
    private Instant at;

    protected StatusChange() {
    }

    StatusChange(Order.Status from, Order.Status to, String reason, Instant at) {
        this.from = from;
        this.to = to;
        this.reason = reason;
        this.at = at;
    }

    public Order.Status from() {
        return from;
    }

    public Order.Status to() {
        return to;
    }

    public String reason() {
        return reason;
    }

    public Instant at() {
        return at;
    }
}
