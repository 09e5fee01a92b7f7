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
    public static final String PRODUCT_NOT_FOUND = "PRODUCT_NOT_FOUND";
    public static final String PRODUCT_EXISTS = "PRODUCT_EXISTS";
    public static final String VARIANT_NOT_FOUND = "VARIANT_NOT_FOUND";
    public static final String OUT_OF_STOCK = "OUT_OF_STOCK";
    public static final String STOCK_NOT_FOUND = "STOCK_NOT_FOUND";
    public static final String STOCK_BELOW_RESERVED = "STOCK_BELOW_RESERVED";
    public static final String RESERVATION_NOT_FOUND = "RESERVATION_NOT_FOUND";
    public static final String RESERVATION_MISMATCH = "RESERVATION_MISMATCH";
    public static final String RESERVATION_RELEASED = "RESERVATION_RELEASED";
    public static final String RESERVATION_COMMITTED = "RESERVATION_COMMITTED";
    public static final String CONCURRENT_UPDATE = "CONCURRENT_UPDATE";

    private ProblemCodes() {
    }
}
