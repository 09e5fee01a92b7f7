package dev.souk.stack.faults;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.souk.stack.faults.ShopClient.Answer;

/**
 * Checks every order a scenario started against every service's records: order-service's status, the engine's state
 * of its process (at rest, retrying, an incident), payment-service's charges and refunds, delivery-service's shipment,
 * inventory's stock, notification-service's notifications.
 */
final class OrderAudit {

    /** Where an order's process rests: waiting for the customer, the payment window or the carrier. */
    static final Set<String> AT_REST = Set.of("Gateway_AwaitPayment", "Gateway_AwaitDelivery", "Event_ConfirmRequested",
            "Event_CancelRequested", "Event_PaymentWindowExpired", "Event_ShipmentDelivered",
            "Event_CancelAfterPaymentRequested");

    private final ShopClient shop;
    private final String admin;

    OrderAudit(ShopClient shop, String admin) {
        this.shop = shop;
        this.admin = admin;
    }

    /** One order as the services see it now. */
    record Seen(String orderId, String status, List<String> activities, List<String> incidents, boolean retrying,
                int quantity) {

        boolean atRest() {
            return activities.isEmpty() || AT_REST.containsAll(activities);
        }

        boolean paid() {
            return "CONFIRMED".equals(status) || "COMPLETED".equals(status);
        }
    }

    Seen look(Ledger.Entry entry) {
        Answer order = shop.order(admin, entry.orderId());
        String status = order.ok() ? order.body().path("status").asText() : order.status() == 404 ? "NONE" : "UNREADABLE";
        List<String> activities = shop.activeActivities(entry.orderId());
        List<String> incidents = shop.incidents(entry.orderId());
        boolean retrying = !activities.isEmpty() && !AT_REST.containsAll(activities) && shop.hasPendingJobs(entry.orderId());
        return new Seen(entry.orderId(), status, activities, incidents, retrying, entry.quantity());
    }

    /** Whether every order is at rest (or cannot move without someone's help: an incident). */
    boolean settled(List<Ledger.Entry> entries) {
        for (Ledger.Entry entry : entries) {
            Seen seen = look(entry);
            if (!seen.atRest() && seen.incidents().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    ScenarioResult result(Fault fault, List<Ledger.Entry> entries, String productId, String variantId, int units,
                          double recoverySeconds) {
        int completed = 0;
        int cancelled = 0;
        int running = 0;
        int stuck = 0;
        int doubleCharges = 0;
        int deliveryErrors = 0;
        int paidUnits = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> notificationsByUser = new HashMap<>();
        for (Ledger.Entry entry : entries) {
            Seen seen = look(entry);
            if (seen.paid()) {
                completed++;
                paidUnits += seen.quantity();
            } else if ("CANCELLED".equals(seen.status())) {
                cancelled++;
            } else if ("NONE".equals(seen.status()) && seen.activities().isEmpty()) {
                // answered 202 and then refused by the process before an order was created; after a 201 it is lost
                if (entry.placedStatus() == 202) {
                    cancelled++;
                } else {
                    stuck++;
                    reasons.merge("lost: accepted with 201 but no order and no process", 1, Integer::sum);
                }
            } else if (!seen.incidents().isEmpty()) {
                running++;
                reasons.merge("incident: " + seen.incidents().get(0), 1, Integer::sum);
            } else if (seen.retrying()) {
                running++;
                reasons.merge("a step is being retried", 1, Integer::sum);
            } else if ("PENDING".equals(seen.status()) && seen.atRest()) {
                running++;
                reasons.merge("awaiting payment", 1, Integer::sum);
            } else {
                stuck++;
                reasons.merge("stuck at " + seen.activities() + " (order " + seen.status() + ")", 1, Integer::sum);
            }
            doubleCharges += chargeErrors(seen);
            deliveryErrors += deliveryErrors(seen);
            notificationsByUser.merge(entry.userId(), 1, Integer::sum);
        }
        int oversold = Math.max(0, paidUnits - units) + stockErrors(productId, variantId);
        int notificationErrors = duplicatedNotifications(notificationsByUser.keySet());
        return new ScenarioResult(fault.name(), fault.description(), entries.size(), completed, cancelled, running,
                reasons, stuck, oversold, doubleCharges, deliveryErrors, notificationErrors, recoverySeconds);
    }

    private int chargeErrors(Seen seen) {
        Answer payments = shop.payments(admin, seen.orderId());
        if (!payments.ok() || payments.body() == null) {
            return 0;
        }
        int charged = 0;
        int refunded = 0;
        for (JsonNode payment : payments.body()) {
            String status = payment.path("status").asText();
            if ("COMPLETED".equals(status) || "REFUNDED".equals(status)) {
                charged++;
            }
            if ("REFUNDED".equals(status)) {
                refunded++;
            }
        }
        int errors = Math.max(0, charged - 1);
        if (refunded > 0 && !"CANCELLED".equals(seen.status())) {
            errors += refunded;
        }
        if (seen.paid() && charged == 0) {
            // confirmed without a charge is money lost: as bad as charging twice
            errors++;
        }
        return errors;
    }

    private int deliveryErrors(Seen seen) {
        Answer shipment = shop.shipment(admin, seen.orderId());
        boolean fulfilled = seen.paid() && (seen.activities().isEmpty() || seen.activities().contains("Gateway_AwaitDelivery"));
        if (fulfilled && shipment.status() == 404) {
            return 1;
        }
        if ("CANCELLED".equals(seen.status()) && shipment.ok()) {
            String status = shipment.body().path("status").asText();
            return "CANCELLED".equals(status) || "DELIVERED".equals(status) ? 0 : 1;
        }
        return 0;
    }

    private int stockErrors(String productId, String variantId) {
        Answer stock = shop.stock(productId, variantId);
        if (!stock.ok()) {
            return 0;
        }
        int onHand = stock.body().path("onHand").asInt();
        int reserved = stock.body().path("reserved").asInt();
        return Math.max(0, -onHand) + Math.max(0, reserved - onHand);
    }

    /** Notifications of one kind for one order sent more than once (when notification-service runs). */
    private int duplicatedNotifications(Set<String> users) {
        int duplicates = 0;
        for (String user : users) {
            Answer list = shop.notifications(admin, user);
            if (!list.ok() || list.body() == null) {
                continue;
            }
            Map<String, Integer> seen = new HashMap<>();
            for (JsonNode notification : list.body().path("content")) {
                // one notification per order and kind (every payment here succeeds, so no decline repeats)
                if (!notification.path("orderId").asText("").isEmpty()) {
                    seen.merge(notification.path("orderId").asText() + "/" + notification.path("kind").asText(), 1,
                            Integer::sum);
                }
            }
            duplicates += seen.values().stream().mapToInt(count -> Math.max(0, count - 1)).sum();
        }
        return duplicates;
    }
}
