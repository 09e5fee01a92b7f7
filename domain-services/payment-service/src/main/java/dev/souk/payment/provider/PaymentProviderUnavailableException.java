package dev.souk.payment.provider;

/** The provider could not be reached or did not answer in time; the operation had no effect and may be retried. */
public class PaymentProviderUnavailableException extends RuntimeException {

    public PaymentProviderUnavailableException(String message) {
        super(message);
    }

    public PaymentProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
