package dev.souk.contracts;

/**
 * Stable machine-readable codes carried in the {@code code} member of every problem+json answer.
 * Clients may switch on them; they never change meaning.
 */
public final class ProblemCodes {

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String CONFLICT = "CONFLICT";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    public static final String USER_NOT_FOUND = "USER_NOT_FOUND";
    public static final String EMAIL_TAKEN = "EMAIL_TAKEN";
    /** The sign-in email belongs to the account (PUT /api/auth/email); a customer cannot change it through the profile. */
    public static final String EMAIL_MANAGED_BY_ACCOUNT = "EMAIL_MANAGED_BY_ACCOUNT";
    public static final String PRODUCT_NOT_FOUND = "PRODUCT_NOT_FOUND";
    public static final String PRODUCT_EXISTS = "PRODUCT_EXISTS";
    public static final String VARIANT_NOT_FOUND = "VARIANT_NOT_FOUND";
    public static final String OUT_OF_STOCK = "OUT_OF_STOCK";
    public static final String STOCK_NOT_FOUND = "STOCK_NOT_FOUND";
    public static final String STOCK_BELOW_RESERVED = "STOCK_BELOW_RESERVED";
    public static final String RESERVATION_NOT_FOUND = "RESERVATION_NOT_FOUND";
    public static final String RESERVATION_MISMATCH = "RESERVATION_MISMATCH";
    public static final String RESERVATION_RELEASED = "RESERVATION_RELEASED";
    public static final String CONCURRENT_UPDATE = "CONCURRENT_UPDATE";

    public static final String ORDER_NOT_FOUND = "ORDER_NOT_FOUND";
    public static final String ORDER_EXISTS = "ORDER_EXISTS";
    public static final String ORDER_NOT_PENDING = "ORDER_NOT_PENDING";
    public static final String ORDER_NOT_CANCELLABLE = "ORDER_NOT_CANCELLABLE";
    public static final String ORDER_NOT_CONFIRMED = "ORDER_NOT_CONFIRMED";
    public static final String PAYMENT_NOT_FOUND = "PAYMENT_NOT_FOUND";
    public static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";
    public static final String PAYMENT_PROVIDER_UNAVAILABLE = "PAYMENT_PROVIDER_UNAVAILABLE";
    public static final String PAYMENT_ALREADY_COMPLETED = "PAYMENT_ALREADY_COMPLETED";
    public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
    public static final String SHIPMENT_NOT_FOUND = "SHIPMENT_NOT_FOUND";
    public static final String SHIPMENT_ALREADY_SHIPPED = "SHIPMENT_ALREADY_SHIPPED";
    public static final String INVALID_SHIPMENT_TRANSITION = "INVALID_SHIPMENT_TRANSITION";
    public static final String CART_NOT_FOUND = "CART_NOT_FOUND";
    public static final String CART_ITEM_NOT_FOUND = "CART_ITEM_NOT_FOUND";
    public static final String CART_LIMIT_EXCEEDED = "CART_LIMIT_EXCEEDED";
    public static final String CART_EMPTY = "CART_EMPTY";
    public static final String CART_CHECKED_OUT = "CART_CHECKED_OUT";
    public static final String CART_CURRENCY_MISMATCH = "CART_CURRENCY_MISMATCH";
    public static final String INVALID_CREDENTIALS = "INVALID_CREDENTIALS";
    public static final String INVALID_REFRESH_TOKEN = "INVALID_REFRESH_TOKEN";
    public static final String REFRESH_TOKEN_REUSED = "REFRESH_TOKEN_REUSED";
    public static final String INVALID_CLIENT = "INVALID_CLIENT";
    public static final String ACCOUNT_EXISTS = "ACCOUNT_EXISTS";
    /** No access token, or one that is expired, not yet valid, forged or meant for someone else. */
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    /** A valid token whose roles or owner do not allow the request. */
    public static final String FORBIDDEN = "FORBIDDEN";
    /** A browser request from a page whose origin is not among the configured CORS origins. */
    public static final String ORIGIN_NOT_ALLOWED = "ORIGIN_NOT_ALLOWED";
    /** Too many requests from one user or address; see Retry-After. */
    public static final String RATE_LIMITED = "RATE_LIMITED";
    /** The user already has as many open orders, or reserved units, as the shop allows. */
    public static final String TOO_MANY_OPEN_ORDERS = "TOO_MANY_OPEN_ORDERS";

    private ProblemCodes() {
    }
}
