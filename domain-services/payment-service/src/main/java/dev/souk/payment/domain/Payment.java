package dev.souk.payment.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One attempt to pay an order. COMPLETED (charged) may become REFUNDED; DECLINED (the provider said no) and
 * FAILED (the provider could not be reached, nothing charged) are final.
 */
public record Payment(String id, String orderId, String userId, BigDecimal amount, String currency,
                      PaymentMethod paymentMethod, String paymentMethodId, Status status, String transactionId,
                      String declineReason, String refundTransactionId, Instant refundedAt, String refundReason,
                      String idempotencyKey, Instant createdAt, Instant updatedAt) {

    public enum Status { COMPLETED, DECLINED, FAILED, REFUNDED }

    public enum PaymentMethod { CREDIT_CARD, DEBIT_CARD, PAYPAL, BANK_TRANSFER }
}
