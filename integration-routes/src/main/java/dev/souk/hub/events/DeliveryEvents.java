package dev.souk.hub.events;

import org.apache.camel.Body;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.hub.order.OrderOutcomes;

/** What the hub does with one delivery event. */
@Component("deliveryEvents")
public class DeliveryEvents {

    static final String SHIPMENT_DELIVERED = "ShipmentDelivered";

    private static final Logger log = LoggerFactory.getLogger(DeliveryEvents.class);

    private final RuntimeService runtime;
    private final OrderOutcomes outcomes;
    private final ObjectMapper json;

    public DeliveryEvents(RuntimeService runtime, OrderOutcomes outcomes, ObjectMapper json) {
        this.runtime = runtime;
        this.outcomes = outcomes;
        this.json = json;
    }

    public void handle(@Body String event) throws JsonProcessingException {
        JsonNode envelope = json.readTree(event);
        JsonNode payload = envelope.path("payload");
        String orderId = payload.path("orderId").asText(null);
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("Delivery event " + envelope.path("eventId").asText() + " names no order");
        }
        if (!"DELIVERED".equals(payload.path("status").asText())) {
            return;
        }
        try {
            runtime.createMessageCorrelation(SHIPMENT_DELIVERED).processInstanceBusinessKey(orderId).correlateWithResult();
        } catch (MismatchingMessageCorrelationException notWaiting) {
            String state = outcomes.current(orderId).map(OrderOutcomes.Outcome::state).orElse("UNKNOWN");
            if ("COMPLETED".equals(state) || "CANCELLED".equals(state)) {
                log.info("Order {} is already {}; delivery event ignored", orderId, state);
                return;
            }
            // the process is between steps (or not started): fail, so the event is retried and then dead-lettered
            throw new IllegalStateException("Order " + orderId + " is " + state + " and not waiting for its delivery", notWaiting);
        }
    }
}
