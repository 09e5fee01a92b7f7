package dev.souk.order.domain;

import jakarta.persistence.Embeddable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** One priced line of an order. The price is the catalog's at the time the order was placed; the line total is derived. */
@Embeddable
public class OrderItem {

    private String productId;
    private String variantId;
    private String name;
    private BigDecimal unitPrice;
    private int quantity;
    private BigDecimal lineTotal;

    protected OrderItem() {
    }

    public OrderItem(String productId, String variantId, String name, BigDecimal unitPrice, int quantity) {
        this.productId = productId;
        this.variantId = variantId;
        this.name = name.strip();
        this.unitPrice = Money.of(unitPrice);
        this.quantity = quantity;
        this.lineTotal = Money.of(this.unitPrice.multiply(BigDecimal.valueOf(quantity)));
    }

    /** Same product, variant, name, price and quantity; 10.5 and 10.50 are the same price. */
    boolean sameAs(OrderItem other) {
        return productId.equals(other.productId) && variantId.equals(other.variantId) && name.equals(other.name)
                && unitPrice.compareTo(other.unitPrice) == 0 && quantity == other.quantity;
    }

    public String productId() {
        return productId;
    }

    public String variantId() {
        return variantId;
    }

    public String name() {
        return name;
    }

    public BigDecimal unitPrice() {
        return unitPrice;
    }

    public int quantity() {
        return quantity;
    }

    public BigDecimal lineTotal() {
        return lineTotal;
    }

    /** Amounts in an order's currency, always with two decimals. */
    static final class Money {

        private Money() {
        }

        static BigDecimal of(BigDecimal amount) {
            // callers are validated to at most two decimals, so this never rounds a real price
            return Objects.requireNonNull(amount, "amount").setScale(2, RoundingMode.HALF_EVEN);
        }
    }
}
