package dev.souk.payment.provider;

import java.math.BigDecimal;

/**
 * The payment provider that moves the money. The built-in {@link SimulatedPaymentProvider} stands in for a real
 * one (card acquirer, PayPal, bank) behind this interface.
 * <p>
 * Both operations carry the service's own payment id as {@code reference}, so a provider that deduplicates
 * by reference never charges or refunds twice for one payment.
 */
public interface PaymentProvider {

    /**
     * Charges a payment method.
     *
     * @throws PaymentProviderUnavailableException when the provider cannot be reached or does not answer;
     *                                             nothing was charged
     */
    ChargeResult charge(ChargeRequest request);

    /**
     * Refunds a completed charge in full.
     *
     * @throws PaymentProviderUnavailableException when the provider cannot be reached; nothing was refunded
     */
    RefundResult refund(RefundRequest request);

    record ChargeRequest(String reference, String orderId, String userId, BigDecimal amount, String currency,
                         String paymentMethod, String paymentMethodId) {
    }

    /** The provider's verdict on a charge; a declined charge may still carry the provider's transaction id. */
    record ChargeResult(boolean approved, String transactionId, String declineReason) {

        public static ChargeResult approved(String transactionId) {
            return new ChargeResult(true, transactionId, null);
        }

        public static ChargeResult declined(String transactionId, String reason) {
            return new ChargeResult(false, transactionId, reason);
        }
    }

    record RefundRequest(String reference, String transactionId, BigDecimal amount, String currency, String reason) {
    }

    record RefundResult(String refundTransactionId) {
    }
}
