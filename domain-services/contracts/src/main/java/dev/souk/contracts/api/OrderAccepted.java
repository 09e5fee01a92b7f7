package dev.souk.contracts.api;

/**
 * 202 Accepted on an order command: the order process is still working on it (e.g. the engine retries a payment
 * provider that is down); {@code GET /api/orders/{id}} shows the outcome.
 *
 * @param status PROCESSING (being placed), PAYMENT_PENDING or CANCELLING
 */
public record OrderAccepted(String id, String status, String detail) {
}
