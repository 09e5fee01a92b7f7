package dev.souk.payment;

import dev.souk.kit.problem.ApiException;
import dev.souk.kit.testing.Concurrently;
import dev.souk.kit.testing.PostgresTestDatabase;
import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.payment.domain.Payment;
import dev.souk.payment.domain.Payment.PaymentMethod;
import dev.souk.payment.domain.PaymentOutcome;
import dev.souk.payment.domain.PaymentService;
import dev.souk.payment.domain.PaymentService.PaymentCommand;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static dev.souk.payment.PaymentApiTests.newId;
import static org.assertj.core.api.Assertions.assertThat;

/** Parallel requests for one order on the real PostgreSQL server charge and refund it exactly once. */
@SoukServiceTest
@TestPropertySource(properties = "souk.payment.simulator.slow-delay=200ms")
class PaymentConcurrencyTests {

    private static final int PARALLEL = 10;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.use(registry, "souk_payment_concurrency_test", 16);
    }

    @Autowired
    PaymentService payments;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void tenParallelPaymentsOfOneOrderChargeItOnce() throws Exception {
        // given an order and a slow provider, so the requests overlap
        String order = newId("order");
        double charges = calls("charge");

        // when ten requests pay it at once
        List<String> outcomes = Concurrently.runTogether(PARALLEL, () -> outcome(() -> payments.pay(command(order, "pm_slow"), null)));

        // then one charges it and the others are answered that payment
        assertThat(outcomes).filteredOn("CREATED"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("ALREADY_PAID"::equals).hasSize(PARALLEL - 1);
        assertThat(calls("charge")).isEqualTo(charges + 1);
        assertThat(jdbc.queryForObject("select count(*) from payment where order_id = ?", Integer.class, order)).isEqualTo(1);
        assertThat(eventCount(order, "PaymentCompleted")).isEqualTo(1);
    }

    @Test
    void oneIdempotencyKeyUsedInParallelChargesOnceAndAnswersAlike() throws Exception {
        String order = newId("order");
        String key = newId("key");
        double charges = calls("charge");

        List<String> paymentIds = Concurrently.runTogether(PARALLEL, () -> payments.pay(command(order, "pm_slow"), key).payment().id()
                + " " + payments.pay(command(order, "pm_slow"), key).result());

        assertThat(paymentIds).hasSize(PARALLEL).allMatch(paymentIds.get(0)::equals).allMatch(id -> id.endsWith(" CREATED"));
        assertThat(calls("charge")).isEqualTo(charges + 1);
    }

    @Test
    void oneIdempotencyKeyRacingForDifferentOrdersBindsToOneOfThem() throws Exception {
        String key = newId("key");
        double charges = calls("charge");

        List<String> outcomes = Concurrently.runTogether(PARALLEL, () -> outcome(() -> payments.pay(command(newId("order"), "pm_slow"), key)));

        assertThat(outcomes).filteredOn("CREATED"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("IDEMPOTENCY_KEY_REUSED"::equals).hasSize(PARALLEL - 1);
        assertThat(calls("charge")).isEqualTo(charges + 1);
    }

    @Test
    void parallelRefundsOfOneOrderRefundItOnce() throws Exception {
        String order = newId("order");
        payments.pay(command(order, "pm_card_ok"), null);
        double refunds = calls("refund");

        List<String> refundIds = Concurrently.runTogether(PARALLEL, () -> {
            Payment refunded = payments.refundOrder(order, "cancelled");
            return refunded.status() + " " + refunded.refundTransactionId();
        });

        assertThat(refundIds).allMatch(refundIds.get(0)::equals).allMatch(r -> r.startsWith("REFUNDED rfd_"));
        assertThat(calls("refund")).isEqualTo(refunds + 1);
        assertThat(eventCount(order, "PaymentRefunded")).isEqualTo(1);
    }

    private static PaymentCommand command(String order, String paymentMethodId) {
        return new PaymentCommand(order, "user-123", new BigDecimal("149.99"), null, PaymentMethod.CREDIT_CARD, paymentMethodId);
    }

    private static String outcome(Callable<PaymentOutcome> pay) throws Exception {
        try {
            return pay.call().result().name();
        } catch (ApiException e) {
            return e.code();
        }
    }

    private double calls(String operation) {
        return meters.find("souk.payment.provider.calls").tag("operation", operation).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private int eventCount(String order, String type) {
        return jdbc.queryForObject("select count(*) from outbox_event o join payment p on p.id = o.event_key "
                + "where p.order_id = ? and o.event_type = ?", Integer.class, order, type);
    }

}
