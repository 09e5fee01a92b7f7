package dev.souk.payment.domain;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.events.PaymentEvents.PaymentCompleted;
import dev.souk.contracts.events.PaymentEvents.PaymentDeclined;
import dev.souk.contracts.events.PaymentEvents.PaymentRefunded;
import dev.souk.kit.outbox.Outbox;
import dev.souk.kit.problem.ApiException;
import dev.souk.payment.domain.IdempotencyKeys.Binding;
import dev.souk.payment.domain.Payment.PaymentMethod;
import dev.souk.payment.domain.Payment.Status;
import dev.souk.payment.domain.PaymentOutcome.Result;
import dev.souk.payment.domain.PaymentStore.OrderAccount;
import dev.souk.payment.provider.PaymentProvider;
import dev.souk.payment.provider.PaymentProvider.ChargeRequest;
import dev.souk.payment.provider.PaymentProvider.ChargeResult;
import dev.souk.payment.provider.PaymentProvider.RefundRequest;
import dev.souk.payment.provider.PaymentProviderUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Pays and refunds orders. Every command of one order runs under a lock on the order's account row, so repeated
 * or concurrent requests never charge an order twice: once an order has a completed payment, paying it again
 * answers that payment. The provider is called inside that lock; a slow provider therefore delays only other
 * requests for the same order.
 */
@Service
public class PaymentService {

    static final String PROVIDER_UNAVAILABLE_REASON = "provider_unavailable";

    private final PaymentStore payments;
    private final IdempotencyKeys keys;
    private final PaymentProvider provider;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String defaultCurrency;

    PaymentService(PaymentStore payments, IdempotencyKeys keys, PaymentProvider provider, Outbox outbox,
                   TransactionTemplate transaction, MeterRegistry meters, Clock clock,
                   @Value("${souk.payment.default-currency:USD}") String defaultCurrency) {
        this.payments = payments;
        this.keys = keys;
        this.provider = provider;
        this.outbox = outbox;
        this.transaction = transaction;
        this.meters = meters;
        this.clock = clock;
        this.defaultCurrency = defaultCurrency;
    }

    /** A request to pay an order; {@code currency} may be null for the service's default currency. */
    public record PaymentCommand(String orderId, String userId, BigDecimal amount, String currency,
                                 PaymentMethod paymentMethod, String paymentMethodId) {
    }

    /**
     * Pays an order unless it is paid already. With an {@code idempotencyKey} (may be null) the same request
     * gets the same outcome without a new charge, and another request with that key is refused.
     */
    public PaymentOutcome pay(PaymentCommand requested, String idempotencyKey) {
        PaymentCommand command = new PaymentCommand(requested.orderId(), requested.userId(),
                requested.amount().setScale(2, RoundingMode.UNNECESSARY),
                requested.currency() == null ? defaultCurrency : requested.currency(),
                requested.paymentMethod(), requested.paymentMethodId());
        try {
            payments.createAccountIfAbsent(command.orderId(), clock.instant());
        } catch (DuplicateKeyException createdConcurrently) {
            // another request for the same order created it first: exactly what was needed
        }
        String fingerprint = fingerprint(command);
        return locked(command.orderId(), () -> payLocked(command, idempotencyKey, fingerprint));
    }

    private PaymentOutcome payLocked(PaymentCommand command, String key, String fingerprint) {
        OrderAccount account = payments.lockAccount(command.orderId()).orElseThrow();
        Instant now = clock.instant();
        if (key != null) {
            Binding binding = keys.find(key).orElse(null);
            if (binding != null) {
                return replay(binding, fingerprint);
            }
            keys.claim(key, fingerprint, now);
        }
        if (account.completedPaymentId() != null) {
            Payment paid = payments.find(account.completedPaymentId()).orElseThrow();
            if (paid.status() == Status.REFUNDED) {
                throw ApiException.conflict(ProblemCodes.CONFLICT,
                                "The payment of order " + paid.orderId() + " was refunded; the order cannot be paid again.")
                        .with("paymentId", paid.id());
            }
            return bound(key, new PaymentOutcome(paid, Result.ALREADY_PAID));
        }

        String paymentId = "pay-" + UUID.randomUUID();
        ChargeResult charge;
        try {
            charge = provider.charge(new ChargeRequest(paymentId, command.orderId(), command.userId(), command.amount(),
                    command.currency(), command.paymentMethod().name(), command.paymentMethodId()));
        } catch (PaymentProviderUnavailableException unavailable) {
            count("charge", "unavailable");
            Payment failed = payment(paymentId, command, Status.FAILED, null, PROVIDER_UNAVAILABLE_REASON, key, now);
            if (key != null) {
                keys.release(key);
            }
            return new PaymentOutcome(stored(failed), Result.PROVIDER_UNAVAILABLE);
        }
        count("charge", charge.approved() ? "approved" : "declined");

        if (charge.approved()) {
            Payment completed = payment(paymentId, command, Status.COMPLETED, charge.transactionId(), null, key, now);
            Payment stored = stored(completed);
            payments.markCompleted(command.orderId(), paymentId);
            outbox.record(new PaymentCompleted(paymentId, command.orderId(), command.userId(), command.amount(),
                    command.currency(), Status.COMPLETED.name(), charge.transactionId()));
            return bound(key, new PaymentOutcome(stored, Result.CREATED));
        }
        Payment declined = payment(paymentId, command, Status.DECLINED, charge.transactionId(), charge.declineReason(), key, now);
        Payment stored = stored(declined);
        outbox.record(new PaymentDeclined(paymentId, command.orderId(), command.userId(), command.amount(),
                command.currency(), Status.DECLINED.name(), charge.transactionId(), charge.declineReason()));
        return bound(key, new PaymentOutcome(stored, Result.DECLINED));
    }

    private PaymentOutcome replay(Binding binding, String fingerprint) {
        if (!binding.fingerprint().equals(fingerprint)) {
            throw ApiException.unprocessable(ProblemCodes.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different payment request.");
        }
        return new PaymentOutcome(payments.find(binding.paymentId()).orElseThrow(), binding.outcome());
    }

    private PaymentOutcome bound(String key, PaymentOutcome outcome) {
        if (key != null) {
            keys.bind(key, outcome.payment().id(), outcome.result());
        }
        return outcome;
    }

    /** Refunds the order's completed payment in full; repeating it answers the refunded payment. */
    public Payment refundOrder(String orderId, String reason) {
        return locked(orderId, () -> {
            String paymentId = payments.lockAccount(orderId)
                    .map(OrderAccount::completedPaymentId)
                    .orElse(null);
            if (paymentId == null) {
                throw ApiException.notFound(ProblemCodes.PAYMENT_NOT_FOUND, "Order " + orderId + " has no completed payment.");
            }
            return refundLocked(payments.find(paymentId).orElseThrow(), reason);
        });
    }

    /** Refunds one completed payment in full; repeating it answers the refunded payment. */
    public Payment refund(String paymentId, String reason) {
        Payment payment = get(paymentId);
        return locked(payment.orderId(), () -> {
            payments.lockAccount(payment.orderId());
            return refundLocked(payments.find(paymentId).orElseThrow(), reason);
        });
    }

    private Payment refundLocked(Payment payment, String reason) {
        return switch (payment.status()) {
            case REFUNDED -> payment;
            case DECLINED, FAILED -> throw ApiException.conflict(ProblemCodes.CONFLICT,
                            "Payment " + payment.id() + " is " + payment.status() + ": nothing was charged, so nothing can be refunded.")
                    .with("paymentId", payment.id())
                    .with("paymentStatus", payment.status().name());
            case COMPLETED -> {
                String refundTransactionId;
                try {
                    refundTransactionId = provider.refund(new RefundRequest(payment.id(), payment.transactionId(),
                            payment.amount(), payment.currency(), reason)).refundTransactionId();
                } catch (PaymentProviderUnavailableException unavailable) {
                    count("refund", "unavailable");
                    throw unavailable;
                }
                count("refund", "approved");
                payments.markRefunded(payment.id(), refundTransactionId, reason, clock.instant());
                Payment refunded = payments.find(payment.id()).orElseThrow();
                outbox.record(new PaymentRefunded(refunded.id(), refunded.orderId(), refunded.userId(), refunded.amount(),
                        refunded.currency(), Status.REFUNDED.name(), refunded.transactionId(), refundTransactionId, reason));
                yield refunded;
            }
        };
    }

    public Payment get(String paymentId) {
        return payments.find(paymentId)
                .orElseThrow(() -> ApiException.notFound(ProblemCodes.PAYMENT_NOT_FOUND, "No payment " + paymentId + "."));
    }

    /** Every attempt of an order, newest first. */
    public List<Payment> ofOrder(String orderId) {
        return payments.findByOrder(orderId);
    }

    /**
     * Runs {@code work} in one transaction. A duplicate key means a concurrent request claimed the same
     * Idempotency-Key first; running once more then sees its answer.
     */
    private <T> T locked(String orderId, Supplier<T> work) {
        try {
            try {
                return transaction.execute(status -> work.get());
            } catch (DuplicateKeyException raced) {
                return transaction.execute(status -> work.get());
            }
        } catch (PessimisticLockingFailureException busy) {
            throw ApiException.conflict(ProblemCodes.CONCURRENT_UPDATE,
                    "Another payment command for order " + orderId + " is still running; retry shortly.");
        }
    }

    private Payment payment(String id, PaymentCommand command, Status status, String transactionId, String declineReason,
                            String key, Instant now) {
        return new Payment(id, command.orderId(), command.userId(), command.amount(), command.currency(),
                command.paymentMethod(), command.paymentMethodId(), status, transactionId, declineReason,
                null, null, null, key, now, now);
    }

    /** Inserts the payment and answers it as stored, so a first answer and its replays look exactly alike. */
    private Payment stored(Payment payment) {
        payments.insert(payment);
        return payments.find(payment.id()).orElseThrow();
    }

    private void count(String operation, String outcome) {
        meters.counter("souk.payment.provider.calls", "operation", operation, "outcome", outcome).increment();
    }

    /** Identifies a payment request's content, so an Idempotency-Key can tell a repeat from a different request. */
    static String fingerprint(PaymentCommand c) {
        String canonical = String.join("\n", c.orderId(), c.userId(), c.amount().toPlainString(), c.currency(),
                c.paymentMethod().name(), c.paymentMethodId());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
