package dev.souk.hub.events;

import static dev.souk.hub.downstream.ServiceCallRoutes.AUDIT_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import dev.souk.contracts.Topics;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.downstream.ServiceCallRoutes;

/**
 * Everything that happens reaches the audit log: one consumer route per topic (routeId {@code audit-feed-<topic>},
 * each its own consumer group) for every domain topic, the security and operations acts and the ended sessions, handing
 * each event whole, with the topic it came from, to audit-service, which appends it to its chain once per event id.
 * After 5 retries an event goes to {@code <topic>.DLT}; the replay puts it back and the audit log still records it
 * once. ({@code souk.hub.audit-feed.enabled=false} leaves the consumers out, for tests of other feeds.)
 */
@Component
public class AuditFeedRoutes extends EventConsumerRoutes {

    static final String HAND_OVER = "direct:audit-event";

    /** Every topic the hub fans out, and the auth-service's ended sessions. */
    static final List<String> TOPICS = topics();

    private final boolean enabled;

    public AuditFeedRoutes(JdbcTemplate jdbc, @Value("${souk.hub.audit-feed.enabled:true}") boolean enabled) {
        super(jdbc);
        this.enabled = enabled;
    }

    public static String consumerOf(String topic) {
        return "audit-feed-" + topic;
    }

    @Override
    public void configure() {
        for (String topic : enabled ? TOPICS : List.<String>of()) {
            consume(topic, consumerOf(topic), topic + " → the audit log (audit-service)", 5, 2000,
                    body().isNotNull(), HAND_OVER);
        }

        from(HAND_OVER).routeId("audit-event")
                .description("Hand one event and its topic to audit-service, which appends it to the chain once per event id")
                .errorHandler(noErrorHandler())
                .bean(AuditFeedRoutes.class, "auditRecord")
                .marshal().json(JsonLibrary.Jackson)
                .convertBodyTo(String.class)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/audit/internal/events"))
                .to(callOf(AUDIT_SERVICE))
                .bean(DownstreamAnswers.class, "requireSuccess");
    }

    /** What audit-service records: the event as it travelled, and where it travelled. */
    public static Map<String, Object> auditRecord(@Body JsonNode envelope, @Header(KafkaConstants.TOPIC) String topic) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("topic", topic);
        record.put("event", envelope);
        return record;
    }

    private static List<String> topics() {
        List<String> topics = new ArrayList<>(Topics.ALL);
        topics.add(Topics.AUTH_EVENTS);
        return List.copyOf(topics);
    }
}
