package dev.souk.hub.operations;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

import dev.souk.contracts.Topics;

/**
 * Publishes what {@link OperationsLog} recorded on {@code operations-events}, oldest first, each row marked once Kafka
 * has it (routeId {@code operations-events-relay}). While the broker is away rows wait and the next tick tries again.
 */
@Component
public class OperationsEventRelayRoutes extends RouteBuilder {

    static final String ROUTE_ID = "operations-events-relay";
    static final int BATCH = 100;

    private final OperationsLog operations;

    public OperationsEventRelayRoutes(OperationsLog operations) {
        this.operations = operations;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?period={{souk.hub.operations-events.relay-interval-ms:1000}}&delay=2000")
                .routeId(ROUTE_ID)
                .autoStartup("{{souk.hub.events.enabled}}")
                .description("The hub's administrative acts (operations_outbox) → operations-events, for the audit log")
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "Operations events wait in the outbox: ${exception.message}")
                .end()
                .setBody(method(operations, "pending(" + BATCH + ")"))
                .split(body()).stopOnException()
                    .process(OperationsEventRelayRoutes::toKafkaRecord)
                    .to("kafka:" + Topics.OPERATIONS_EVENTS)
                    .bean(operations, "sent(${variable.seq})")
                .end();
    }

    /** The row as the record every topic carries: keyed by aggregate id, the event id and type as headers. */
    static void toKafkaRecord(Exchange exchange) {
        OperationsLog.Pending row = exchange.getMessage().getBody(OperationsLog.Pending.class);
        exchange.setVariable("seq", row.seq());
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.KEY, row.key());
        message.setHeader("eventId", row.eventId());
        message.setHeader("eventType", row.type());
        message.setBody(row.payload());
    }
}
