package dev.souk.hub.order;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Knobs of the order process, read by the model through {@code ${orderProcessSettings...}}: how long a customer has
 * to pay, how a failing remote step is retried before it becomes an incident, and how long an HTTP caller waits
 * for the process to answer before getting 202,
 * and how many unpaid orders and reserved units a customer may hold.
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
    /** Unpaid (PENDING) orders a customer may have at once. */
    private int maxOpenOrders = 5;
    /** Units a customer's unpaid orders may hold reserved together. */
    private int maxOpenUnits = 50;

    public int getMaxOpenOrders() {
        return maxOpenOrders;
    }

    public void setMaxOpenOrders(int maxOpenOrders) {
        this.maxOpenOrders = maxOpenOrders;
    }

    public int getMaxOpenUnits() {
        return maxOpenUnits;
    }

    public void setMaxOpenUnits(int maxOpenUnits) {
        this.maxOpenUnits = maxOpenUnits;
    }

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
