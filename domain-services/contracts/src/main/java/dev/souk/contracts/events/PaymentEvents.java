package dev.souk.contracts.events;

import dev.souk.contracts.Topics;

import java.math.BigDecimal;

/** Events of the payment-service on {@code payment-events}; each carries the payment's status and transaction id. */
public final class PaymentEvents {

    private PaymentEvents() {
    }

    private interface PaymentEvent extends DomainEvent {
        String paymentId();

        @Override
        default String topic() {
            return Topics.PAYMENT_EVENTS;
        }

        @Override
        default String aggregateType() {
            return "payment";
        }

        @Override
        default String aggregateId() {
            return paymentId();
        }
    }

    public record PaymentCompleted(String paymentId, String orderId, String userId, BigDecimal amount, String currency,
                                   String status, String transactionId) implements PaymentEvent {
    }

    public record PaymentDeclined(String paymentId, String orderId, String userId, BigDecimal amount, String currency,
                                  String status, String transactionId, String reason) implements PaymentEvent {
    }

    public record PaymentRefunded(String paymentId, String orderId, String userId, BigDecimal amount, String currency,
                                  String status, String transactionId, String refundTransactionId, String reason)
            implements PaymentEvent {
    }
}
