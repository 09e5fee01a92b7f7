package dev.souk.payment.provider;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A payment provider that moves no money, for local runs and tests. The payment method id decides the outcome:
 * see {@link #TEST_PAYMENT_METHODS}. Active unless {@code souk.payment.provider} names another provider.
 */
@Component
@ConditionalOnProperty(name = "souk.payment.provider", havingValue = "simulator", matchIfMissing = true)
public class SimulatedPaymentProvider implements PaymentProvider {

    public static final String CARD_DECLINED = "pm_card_declined";
    public static final String INSUFFICIENT_FUNDS = "pm_insufficient_funds";
    public static final String PROVIDER_DOWN = "pm_provider_down";
    public static final String SLOW = "pm_slow";

    /** The test payment methods and what the simulator does with them; any other id is charged successfully. */
    public static final Map<String, String> TEST_PAYMENT_METHODS = testPaymentMethods();

    /** {@link #TEST_PAYMENT_METHODS} as a Markdown table, for the OpenAPI description of {@code POST /api/payments}. */
    public static final String TEST_PAYMENT_METHODS_MARKDOWN = """
            | paymentMethodId | outcome with the built-in simulated provider |
            | --- | --- |
            | `pm_card_declined` | declined: 402 `PAYMENT_DECLINED`, declineReason `card_declined` |
            | `pm_insufficient_funds` | declined: 402 `PAYMENT_DECLINED`, declineReason `insufficient_funds` |
            | `pm_provider_down` | provider unavailable: 503 `PAYMENT_PROVIDER_UNAVAILABLE` with Retry-After, nothing charged |
            | `pm_slow` | completed after `souk.payment.simulator.slow-delay` (default 3s) |
            | anything else, e.g. `pm_abc`, `pm_card_ok` | completed |

            `PUT /api/payments/simulator/outage {"down": true}` makes every charge fail as if the provider were down,
            until it is set back to false (to rehearse an outage and its recovery).
            """;

    private final Duration slowDelay;
    private final AtomicBoolean outage = new AtomicBoolean();

    SimulatedPaymentProvider(@Value("${souk.payment.simulator.slow-delay:3s}") Duration slowDelay) {
        this.slowDelay = slowDelay;
    }

    private static Map<String, String> testPaymentMethods() {
        Map<String, String> methods = new LinkedHashMap<>();
        methods.put(CARD_DECLINED, "declined: card_declined");
        methods.put(INSUFFICIENT_FUNDS, "declined: insufficient_funds");
        methods.put(PROVIDER_DOWN, "provider unavailable, nothing charged");
        methods.put(SLOW, "completed after souk.payment.simulator.slow-delay");
        methods.put("(any other)", "completed");
        return Collections.unmodifiableMap(methods);
    }

    /** While on, every charge fails as if the provider were unreachable. */
    public void setOutage(boolean down) {
        outage.set(down);
    }

    public boolean isOutage() {
        return outage.get();
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        if (outage.get()) {
            throw new PaymentProviderUnavailableException("The payment provider is having an outage.");
        }
        return switch (request.paymentMethodId()) {
            case CARD_DECLINED -> ChargeResult.declined(newId("txn_"), "card_declined");
            case INSUFFICIENT_FUNDS -> ChargeResult.declined(newId("txn_"), "insufficient_funds");
            case PROVIDER_DOWN -> throw new PaymentProviderUnavailableException("The payment provider is not reachable.");
            case SLOW -> {
                pause(slowDelay);
                yield ChargeResult.approved(newId("txn_"));
            }
            default -> ChargeResult.approved(newId("txn_"));
        };
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        return new RefundResult(newId("rfd_"));
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaymentProviderUnavailableException("Interrupted while waiting for the payment provider.", e);
        }
    }

    private static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
