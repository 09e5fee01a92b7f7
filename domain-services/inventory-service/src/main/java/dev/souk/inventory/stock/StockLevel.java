package dev.souk.inventory.stock;

/** Stock of one variant: what is on the shelf, what orders hold, and what can still be sold. */
public record StockLevel(String productId, String variantId, int onHand, int reserved) {

    public int available() {
        return onHand - reserved;
    }
}
