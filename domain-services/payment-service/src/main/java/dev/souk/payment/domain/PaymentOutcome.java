package dev.souk.payment.domain;

/** What a payment request led to; the same request with the same Idempotency-Key leads to the same outcome. */
public record PaymentOutcome(Payment payment, Result result) {

    public enum Result {
        /** Charged now. */
        CREATED,
        /** The order had already been paid by this payment; nothing charged. */
        ALREADY_PAID,
        /** The provider declined; the attempt is stored and the order may pay again. */
        DECLINED,
        /** The provider could not be reached; the attempt is stored as FAILED and nothing was charged. */
        PROVIDER_UNAVAILABLE
    }
}
