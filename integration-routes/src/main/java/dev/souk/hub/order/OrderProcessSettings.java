package dev.souk.hub.order;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Knobs of the order process, read by the model through {@code ${orderProcessSettings...}}: how long a customer has
 * to pay, how a failing remote step is retried before it becomes an incident, and how long an HTTP caller waits
 * for the process to answer before getting 202.
 */
@Component("orderProcessSettings")
@ConfigurationProperties("souk.order")
public class OrderProcessSettings {

    /** ISO-8601 duration of the payment window. */
    private String paymentWindow = "PT15M";
    /** Camunda retry cycle of every remote step, e.g. R4/PT5S: four more tries, five seconds apart. */
    private String retryCycle = "R4/PT5S";
    /** How long POST/PUT on an order wait for the process before answering 202 Accepted. */
    private long responseTimeoutMs = 10_000;

    public String getPaymentWindow() {
        return paymentWindow;
    }

    public void setPaymentWindow(String paymentWindow) {
        this.paymentWindow = paymentWindow;
    }

    public String getRetryCycle() {
        return retryCycle;
    }

    public void setRetryCycle(String retryCycle) {
        this.retryCycle = retryCycle;
    }

    public long getResponseTimeoutMs() {
        return responseTimeoutMs;
    }

    public void setResponseTimeoutMs(long responseTimeoutMs) {
        this.responseTimeoutMs = responseTimeoutMs;
    }
}
