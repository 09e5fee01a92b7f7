package dev.souk.cart.domain;

/**
 * Whose cart a request is about: a signed-in user (one active cart, created on first write) or the holder of an
 * anonymous cart's id. Exactly one of the two is set.
 */
public record Shopper(String userId, String cartId) {

    public static Shopper user(String userId) {
        return new Shopper(userId, null);
    }

    public static Shopper anonymous(String cartId) {
        return new Shopper(null, cartId);
    }

    public boolean signedIn() {
        return userId != null;
    }
}
