package dev.souk.payment.provider;

import dev.souk.payment.provider.PaymentProvider.ChargeRequest;
import dev.souk.payment.provider.PaymentProvider.ChargeResult;
import dev.souk.payment.provider.PaymentProvider.RefundRequest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The documented test payment methods do what the table says. */
class SimulatedPaymentProviderTests {

    private final SimulatedPaymentProvider provider = new SimulatedPaymentProvider(Duration.ofMillis(250));

    @Test
    void declinesTheDecliningTestMethodsWithTheirReasons() {
        ChargeResult declined = provider.charge(charge("pm_card_declined"));
        assertThat(declined.approved()).isFalse();
        assertThat(declined.declineReason()).isEqualTo("card_declined");
        assertThat(provider.charge(charge("pm_insufficient_funds")).declineReason()).isEqualTo("insufficient_funds");
    }

    @Test
    void isUnreachableForTheProviderDownMethod() {
        assertThatThrownBy(() -> provider.charge(charge("pm_provider_down")))
                .isInstanceOf(PaymentProviderUnavailableException.class);
    }

    @Test
    void chargesEveryOtherMethodWithAFreshTransactionId() {
        ChargeResult first = provider.charge(charge("pm_abc"));
        ChargeResult second = provider.charge(charge("pm_card_ok"));
        assertThat(first.approved()).isTrue();
        assertThat(first.transactionId()).startsWith("txn_");
        assertThat(second.transactionId()).startsWith("txn_").isNotEqualTo(first.transactionId());
        assertThat(provider.refund(new RefundRequest("pay-1", first.transactionId(), BigDecimal.TEN, "USD", "r"))
                .refundTransactionId()).startsWith("rfd_");
    }

    @Test
    void chargesTheSlowMethodAfterTheConfiguredDelay() {
        long started = System.nanoTime();
        ChargeResult result = provider.charge(charge("pm_slow"));
        assertThat(result.approved()).isTrue();
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(250);
    }

    @Test
    void theDocumentedTableNamesEveryTestMethod() {
        SimulatedPaymentProvider.TEST_PAYMENT_METHODS.keySet().stream()
                .filter(id -> id.startsWith("pm_"))
                .forEach(id -> assertThat(SimulatedPaymentProvider.TEST_PAYMENT_METHODS_MARKDOWN).contains("`" + id + "`"));
        assertThat(SimulatedPaymentProvider.TEST_PAYMENT_METHODS).hasSize(5);
    }

    private static ChargeRequest charge(String paymentMethodId) {
        return new ChargeRequest("pay-1", "order-1", "user-123", new BigDecimal("149.99"), "USD", "CREDIT_CARD", paymentMethodId);
    }
}
