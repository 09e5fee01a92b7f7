package dev.souk.security;

/** The roles an access token may carry in its {@code roles} claim. */
public final class Roles {

    /** A shopper: may act on their own user, cart, orders, payments and deliveries only. */
    public static final String CUSTOMER = "CUSTOMER";
    /** Staff: catalog and stock writes, every order, refunds, reports, operations consoles. */
    public static final String ADMIN = "ADMIN";
    /** Another Souk service (the hub) calling on behalf of the platform; obtained with client credentials. */
    public static final String SERVICE = "SERVICE";

    private Roles() {
    }
}
