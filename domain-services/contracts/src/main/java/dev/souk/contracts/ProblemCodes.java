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
    /** A service behind the answering app gave an answer it could not use: the platform's fault, not the client's. */
    public static final String BAD_GATEWAY = "BAD_GATEWAY";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    public static final String USER_NOT_FOUND = "USER_NOT_FOUND";
    public static final String USER_EXISTS = "USER_EXISTS";
    public static final String EMAIL_TAKEN = "EMAIL_TAKEN";
    /** The sign-in email belongs to the account (PUT /api/auth/email); a customer cannot change it through the profile. */
    public static final String EMAIL_MANAGED_BY_ACCOUNT = "EMAIL_MANAGED_BY_ACCOUNT";
    public static final String PRODUCT_NOT_FOUND = "PRODUCT_NOT_FOUND";
    public static final String PRODUCT_EXISTS = "PRODUCT_EXISTS";
    public static final String VARIANT_NOT_FOUND = "VARIANT_NOT_FOUND";
    /** A product that is not (or no longer) for sale, has no such variant, or cannot be priced with the others. */
    public static final String PRODUCT_UNAVAILABLE = "PRODUCT_UNAVAILABLE";
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
    /** The order is between two steps of its process and could not take the command in time; see Retry-After. */
    public static final String ORDER_BUSY = "ORDER_BUSY";
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
    /** An anonymous cart left untouched too long was expired; the shopper starts a new one. */
    public static final String CART_EXPIRED = "CART_EXPIRED";
    /** A database backup or its verification could not be made; the detail says why. */
    public static final String BACKUP_FAILED = "BACKUP_FAILED";
    /** Only a customer with a confirmed or completed order holding the product may review it. */
    public static final String NOT_A_VERIFIED_BUYER = "NOT_A_VERIFIED_BUYER";
    /** One review per customer and product: edit the existing one instead. */
    public static final String ALREADY_REVIEWED = "ALREADY_REVIEWED";
    public static final String REVIEW_NOT_FOUND = "REVIEW_NOT_FOUND";
    /** Helpful votes are for other customers' reviews. */
    public static final String OWN_REVIEW = "OWN_REVIEW";
    public static final String NOTIFICATION_NOT_FOUND = "NOTIFICATION_NOT_FOUND";
    /** A live-notification ticket that is unknown, already used or expired. */
    public static final String INVALID_STREAM_TICKET = "INVALID_STREAM_TICKET";
    /** A search text the index cannot run as given (too many words or expansions); shorten it. */
    public static final String SEARCH_QUERY_TOO_COMPLEX = "SEARCH_QUERY_TOO_COMPLEX";
    public static final String REINDEX_NOT_FOUND = "REINDEX_NOT_FOUND";
    /** A page or completion for a reindex that has finished, failed or been given up. */
    public static final String REINDEX_NOT_RUNNING = "REINDEX_NOT_RUNNING";
    public static final String INVALID_CREDENTIALS = "INVALID_CREDENTIALS";
    public static final String INVALID_REFRESH_TOKEN = "INVALID_REFRESH_TOKEN";
    public static final String REFRESH_TOKEN_REUSED = "REFRESH_TOKEN_REUSED";
    public static final String INVALID_CLIENT = "INVALID_CLIENT";
    public static final String ACCOUNT_EXISTS = "ACCOUNT_EXISTS";
    /**
     * No access token, or one that is expired, not yet valid, forged, meant for someone else, or of a session that
     * was ended (logout, reused refresh token).
     */
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    /** A valid token whose roles or owner do not allow the request. */
    public static final String FORBIDDEN = "FORBIDDEN";
    /** A browser request from a page whose origin is not among the configured CORS origins. */
    public static final String ORIGIN_NOT_ALLOWED = "ORIGIN_NOT_ALLOWED";
    /** Too many requests from one user or address; see Retry-After. */
    public static final String RATE_LIMITED = "RATE_LIMITED";
    /** Too many failed logins for this email: no password is checked for it until Retry-After has passed. */
    public static final String LOGIN_THROTTLED = "LOGIN_THROTTLED";
    /** The user already has as many open orders, or reserved units, as the shop allows. */
    public static final String TOO_MANY_OPEN_ORDERS = "TOO_MANY_OPEN_ORDERS";

    /** Base of every problem's {@code type} URI. */
    public static final String TYPE_BASE = "https://souk.dev/problems/";

    private ProblemCodes() {
    }

    /** The {@code type} URI of a code: {@code OUT_OF_STOCK} is {@code https://souk.dev/problems/out-of-stock}. */
    public static String typeOf(String code) {
        return TYPE_BASE + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The generic code of an HTTP status, for errors that know nothing more specific. */
    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : "HTTP_" + status;
        };
    }
}
