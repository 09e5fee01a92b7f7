package dev.souk.notification;

import java.util.UUID;

/** Event envelopes as the hub hands them over. */
final class Events {

    private Events() {
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String event(String eventId, String type, String payload) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"version\":1,\"occurredAt\":\"" + java.time.Instant.now() + "\","
                + "\"payload\":" + payload + "}";
    }

    static String event(String type, String payload) {
        return event(UUID.randomUUID().toString(), type, payload);
    }

    static String registered(String userId, String email, String fullName) {
        return event("UserRegistered", "{\"userId\":\"" + userId + "\",\"email\":\"" + email + "\",\"fullName\":\"" + fullName + "\"}");
    }

    static String orderCreated(String orderId, String userId) {
        return event("OrderCreated", "{\"orderId\":\"" + orderId + "\",\"userId\":\"" + userId
                + "\",\"items\":[],\"total\":42.50,\"currency\":\"EUR\",\"shippingAddress\":\"1 Market St\"}");
    }

    static String orderConfirmed(String orderId, String userId) {
        return event("OrderConfirmed", "{\"orderId\":\"" + orderId + "\",\"userId\":\"" + userId
                + "\",\"paymentId\":\"pay-1\",\"items\":[],\"total\":42.50,\"currency\":\"EUR\",\"shippingAddress\":\"1 Market St\"}");
    }

    static String shipment(String orderId, String userId, String status) {
        return event("ShipmentStatusChanged", "{\"shipmentId\":\"shp-1\",\"orderId\":\"" + orderId + "\",\"userId\":\"" + userId
                + "\",\"previousStatus\":\"CREATED\",\"status\":\"" + status + "\",\"note\":null}");
    }

    static String cancelled(String orderId, String userId, String previousStatus, String reason) {
        return event("OrderCancelled", "{\"orderId\":\"" + orderId + "\",\"userId\":\"" + userId + "\",\"previousStatus\":\""
                + previousStatus + "\",\"reason\":\"" + reason + "\"}");
    }
}
