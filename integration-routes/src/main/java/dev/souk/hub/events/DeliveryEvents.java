package dev.souk.hub.events;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import dev.souk.hub.downstream.DownstreamAnswers;

/** How the hub reads a delivery event. */
public final class DeliveryEvents {

    static final String SHIPMENT_STATUS_CHANGED = "ShipmentStatusChanged";

    private static final Logger log = LoggerFactory.getLogger(DeliveryEvents.class);

    private DeliveryEvents() {
    }

    /** Only a shipment reaching DELIVERED moves an order on; every other delivery event is passed over. */
    public static boolean concerns(@Body JsonNode envelope) {
        return SHIPMENT_STATUS_CHANGED.equals(envelope.path("type").asText())
                && "DELIVERED".equals(envelope.path("payload").path("status").asText());
    }

    public static String orderOf(@Body JsonNode envelope) {
        String orderId = envelope.path("payload").path("orderId").asText(null);
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("Delivery event " + envelope.path("eventId").asText() + " names no order");
        }
        return orderId;
    }

    /**
     * The order has no process waiting for its delivery: nothing to do when order-service has it completed or
     * cancelled (a late or repeated event); otherwise the event is early or names an unknown order — it fails, so it
     * is retried and then dead-lettered.
     */
    public static void requireSettled(Exchange answer) {
        String orderId = answer.getVariable("orderId", String.class);
        String status = DownstreamAnswers.status(answer) == 200 ? DownstreamAnswers.tree(answer).path("status").asText() : "UNKNOWN";
        if ("COMPLETED".equals(status) || "CANCELLED".equals(status)) {
            log.info("Order {} is already {}; delivery event ignored", orderId, status);
            return;
        }
        throw new IllegalStateException("Order " + orderId + " is " + status + " and not waiting for its delivery");
    }
}
