package dev.souk.review.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.souk.contracts.Ids;
import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import dev.souk.review.purchase.OrderEvent;
import dev.souk.review.purchase.PurchaseLedger;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where the hub hands over the order events that make customers verified buyers (SERVICE only). */
@RestController
@RequestMapping("/api/reviews/internal")
@Validated
@Tag(name = "Platform", description = "Called by the integration hub only (SERVICE token).")
public class OrderEventController {

    private static final String UUID_LIKE = "[0-9a-fA-F-]{36}";

    private final PurchaseLedger purchases;

    OrderEventController(PurchaseLedger purchases) {
        this.purchases = purchases;
    }

    /** The event envelope as it travels on Kafka (see contracts' EventEnvelope). */
    public record EventEnvelopeRequest(
            @NotBlank @Pattern(regexp = UUID_LIKE, message = "must be a UUID") String eventId,
            @NotBlank @Size(max = 100) String type,
            @NotNull JsonNode payload) {
    }

    public record IngestResponse(String eventId, String outcome) {
    }

    @PostMapping("/order-events")
    @Operation(summary = "Apply an order event (hub)",
            description = "OrderConfirmed, OrderCompleted and OrderCancelled record who bought what; other types are "
                    + "IGNORED. Applied once per eventId: a repeat answers DUPLICATE and changes nothing.")
    IngestResponse ingest(@Valid @RequestBody EventEnvelopeRequest event) {
        var kind = OrderEvent.Kind.ofEventType(event.type());
        if (kind.isEmpty()) {
            return new IngestResponse(event.eventId(), "IGNORED");
        }
        OrderEvent orderEvent = read(event, kind.get());
        return new IngestResponse(event.eventId(), purchases.apply(orderEvent, event.type()).name());
    }

    private static OrderEvent read(EventEnvelopeRequest event, OrderEvent.Kind kind) {
        JsonNode payload = event.payload();
        List<Map<String, String>> errors = new ArrayList<>();
        String orderId = id(payload, "orderId", "payload.orderId", errors);
        String userId = id(payload, "userId", "payload.userId", errors);
        List<String> products = new ArrayList<>();
        if (kind == OrderEvent.Kind.CONFIRMED) {
            JsonNode items = payload.path("items");
            if (!items.isArray() || items.isEmpty()) {
                errors.add(Map.of("field", "payload.items", "message", "must list the order's items"));
            } else {
                for (int i = 0; i < items.size(); i++) {
                    String productId = id(items.get(i), "productId", "payload.items[" + i + "].productId", errors);
                    if (productId != null && !products.contains(productId)) {
                        products.add(productId);
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, "The event is not a valid " + event.type() + ".")
                    .with("errors", errors);
        }
        return new OrderEvent(event.eventId(), kind, orderId, userId, products);
    }

    private static String id(JsonNode node, String name, String field, List<Map<String, String>> errors) {
        String value = node.path(name).isTextual() ? node.path(name).asText() : null;
        if (!Ids.isValid(value)) {
            errors.add(Map.of("field", field, "message", Ids.MESSAGE));
            return null;
        }
        return value;
    }
}
