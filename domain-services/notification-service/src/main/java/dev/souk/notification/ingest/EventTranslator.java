package dev.souk.notification.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.souk.contracts.Ids;
import dev.souk.notification.notification.NotificationDraft;
import dev.souk.notification.notification.NotificationKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What each event means to the customer it concerns: at most one notification, in words a customer understands. The
 * texts are plain text; clients show them as such.
 */
final class EventTranslator {

    /** The event types this service acts on; any other is acknowledged and ignored. */
    static final List<String> TYPES = List.of("UserRegistered", "UserUpdated", "OrderCreated", "OrderConfirmed",
            "OrderCancelled", "PaymentDeclined", "PaymentRefunded", "ShipmentStatusChanged");

    private EventTranslator() {
    }

    static Optional<NotificationDraft> translate(IncomingEvent event) {
        Payload p = new Payload(event);
        return Optional.ofNullable(switch (event.type()) {
            case "UserRegistered" -> draft(event, p.id("userId"), NotificationKind.WELCOME,
                    "Welcome to Souk" + p.optional("fullName").map(name -> ", " + name).orElse(""),
                    "Your account is ready. Happy shopping!", null, Map.of());
            case "UserUpdated" -> {
                p.id("userId");
                yield null;
            }
            case "OrderCreated" -> {
                String order = p.id("orderId");
                yield draft(event, p.id("userId"), NotificationKind.ORDER_PLACED, "Order " + order + " placed",
                        "We are holding your items. Total " + p.money("total", "currency")
                                + ". Pay for the order to confirm it before the payment window closes.",
                        order, Map.of("total", p.text("total"), "currency", p.optional("currency").orElse("")));
            }
            case "OrderConfirmed" -> {
                String order = p.id("orderId");
                yield draft(event, p.id("userId"), NotificationKind.ORDER_CONFIRMED, "Order " + order + " confirmed",
                        "Thank you! We received your payment of " + p.money("total", "currency")
                                + " and are preparing your order for shipping.",
                        order, Map.of("total", p.text("total"), "currency", p.optional("currency").orElse(""),
                                "shippingAddress", p.optional("shippingAddress").orElse("")));
            }
            case "OrderCancelled" -> {
                String order = p.id("orderId");
                String reason = p.optional("reason").orElse("");
                boolean windowClosed = reason.toLowerCase(Locale.ROOT).contains("payment window");
                boolean paid = "CONFIRMED".equals(p.optional("previousStatus").orElse(""));
                yield windowClosed
                        ? draft(event, p.id("userId"), NotificationKind.PAYMENT_WINDOW_EXPIRED,
                                "Order " + order + " cancelled: not paid in time",
                                "The payment window closed before the order was paid, so it was cancelled and the items "
                                        + "were released. You can order them again at any time.", order, Map.of())
                        : draft(event, p.id("userId"), NotificationKind.ORDER_CANCELLED, "Order " + order + " cancelled",
                                "Your order was cancelled" + (reason.isBlank() ? "." : " (" + reason + ").")
                                        + (paid ? " Your payment will be refunded." : ""),
                                order, Map.of("reason", reason, "refundDue", Boolean.toString(paid)));
            }
            case "PaymentDeclined" -> {
                String order = p.id("orderId");
                yield draft(event, p.id("userId"), NotificationKind.PAYMENT_DECLINED, "Payment for order " + order + " declined",
                        "Your payment of " + p.money("amount", "currency") + " was declined"
                                + p.optional("reason").map(r -> " (" + r + ")").orElse("")
                                + ". You can pay with another method before the payment window closes.",
                        order, Map.of("paymentId", p.optional("paymentId").orElse("")));
            }
            case "PaymentRefunded" -> {
                String order = p.id("orderId");
                yield draft(event, p.id("userId"), NotificationKind.PAYMENT_REFUNDED, "Refund for order " + order,
                        p.money("amount", "currency") + " was refunded to your payment method.",
                        order, Map.of("amount", p.text("amount"), "currency", p.optional("currency").orElse("")));
            }
            case "ShipmentStatusChanged" -> shipment(event, p);
            default -> null;
        });
    }

    private static NotificationDraft shipment(IncomingEvent event, Payload p) {
        String status = p.text("status");
        NotificationKind kind = switch (status) {
            case "PICKED_UP" -> NotificationKind.ORDER_SHIPPED;
            case "IN_TRANSIT" -> NotificationKind.ORDER_IN_TRANSIT;
            case "DELIVERED" -> NotificationKind.ORDER_DELIVERED;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        String order = p.id("orderId");
        String note = p.optional("note").map(n -> " " + n + ".").orElse("");
        String title = switch (kind) {
            case ORDER_SHIPPED -> "Order " + order + " shipped";
            case ORDER_IN_TRANSIT -> "Order " + order + " is on its way";
            default -> "Order " + order + " delivered";
        };
        String body = switch (kind) {
            case ORDER_SHIPPED -> "The carrier picked up your order." + note;
            case ORDER_IN_TRANSIT -> "Your order is in transit." + note;
            default -> "Your order was delivered. Enjoy it, and tell others what you think with a review!" + note;
        };
        return draft(event, p.id("userId"), kind, title, body, order,
                Map.of("shipmentId", p.optional("shipmentId").orElse(""), "status", status));
    }

    private static NotificationDraft draft(IncomingEvent event, String userId, NotificationKind kind, String title,
                                           String body, String orderId, Map<String, String> data) {
        Map<String, String> withOrder = new LinkedHashMap<>(data);
        if (orderId != null) {
            withOrder.put("orderId", orderId);
        }
        return new NotificationDraft(event.eventId(), userId, kind, truncate(title, 200), truncate(body, 2000), orderId, withOrder);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Reads the payload's fields, collecting every problem before failing once. */
    static final class Payload {
        private final IncomingEvent event;
        private final JsonNode payload;
        private final List<Map<String, String>> errors = new ArrayList<>();

        Payload(IncomingEvent event) {
            this.event = event;
            this.payload = event.payload();
        }

        String id(String name) {
            String value = payload.path(name).isTextual() ? payload.path(name).asText() : null;
            if (!Ids.isValid(value)) {
                fail(name, Ids.MESSAGE);
            }
            return value;
        }

        String text(String name) {
            JsonNode node = payload.path(name);
            if (node.isMissingNode() || node.isNull() || node.asText().isBlank()) {
                fail(name, "is required");
                return "";
            }
            return node.asText();
        }

        Optional<String> optional(String name) {
            JsonNode node = payload.path(name);
            return node.isMissingNode() || node.isNull() || node.asText().isBlank() ? Optional.empty() : Optional.of(node.asText());
        }

        /** An amount as a customer reads it: two decimals, with its currency. */
        String money(String amount, String currency) {
            JsonNode node = payload.path(amount);
            String value = node.isNumber() ? node.decimalValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() : text(amount);
            return value + optional(currency).map(c -> " " + c).orElse("");
        }

        private void fail(String name, String message) {
            errors.add(Map.of("field", "payload." + name, "message", message));
            throw new InvalidEventException("The event is not a valid " + event.type() + ".", errors);
        }
    }
}
