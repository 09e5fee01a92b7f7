package dev.souk.hub.scheduler;

import static dev.souk.hub.downstream.ServiceCallRoutes.PRODUCT_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.SEARCH_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.downstream.ServiceCallRoutes;

/**
 * The work of the scheduled jobs, one route per {@link ScheduledJob} (routeId {@code scheduler-<job>}); each answers
 * a one-line summary that the run's record keeps. A failure fails the run (recorded with its reason); the next run
 * tries again.
 */
@Component
public class MaintenanceJobRoutes extends RouteBuilder {

    private final JdbcTemplate jdbc;
    private final Duration processedEventRetention;

    public MaintenanceJobRoutes(JdbcTemplate jdbc,
                                @Value("${souk.scheduler.processed-event-retention}") Duration processedEventRetention) {
        this.jdbc = jdbc;
        this.processedEventRetention = processedEventRetention;
    }

    @Override
    public void configure() {
        from(ScheduledJob.CLEAN_PROCESSED_EVENTS.endpoint()).routeId(ScheduledJob.CLEAN_PROCESSED_EVENTS.routeId())
                .description(ScheduledJob.CLEAN_PROCESSED_EVENTS.description())
                .errorHandler(noErrorHandler())
                .process(exchange -> exchange.getMessage().setBody(forgetProcessedEvents()));

        from(ScheduledJob.CHECK_SEARCH_INDEX.endpoint()).routeId(ScheduledJob.CHECK_SEARCH_INDEX.routeId())
                .description(ScheduledJob.CHECK_SEARCH_INDEX.description())
                .errorHandler(noErrorHandler())
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/products"))
                .setHeader(ServiceCallRoutes.QUERY, constant("page=0&size=1"))
                .setBody(constant(null))
                .to(callOf(PRODUCT_SERVICE))
                .setVariable("catalog", method(MaintenanceJobRoutes.class, "catalogSize"))
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/search/internal/index-state"))
                .removeHeader(ServiceCallRoutes.QUERY)
                .setBody(constant(null))
                .to(callOf(SEARCH_SERVICE))
                .setVariable("searchable", method(MaintenanceJobRoutes.class, "searchable"))
                .choice()
                    .when(method(MaintenanceJobRoutes.class, "inStep"))
                        .setBody(simple("in step: the catalog and the search index both offer ${variable.catalog} products"))
                    .otherwise()
                        .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                        .setHeader(ServiceCallRoutes.PATH, constant("/api/search/internal/reindex"))
                        .setBody(constant(""))
                        .to(callOf(SEARCH_SERVICE))
                        .bean(DownstreamAnswers.class, "requireSuccess")
                        .setVariable("reindexId", method(MaintenanceJobRoutes.class, "reindexOf"))
                        .setBody(simple("drift: the catalog offers ${variable.catalog} products, the search index "
                                + "${variable.searchable}; reindex ${variable.reindexId} started"))
                .end();
    }

    /** Removes the handled-event ids older than the retention; a redelivery that old is not expected any more. */
    String forgetProcessedEvents() {
        Instant before = Instant.now().minus(processedEventRetention);
        int removed = jdbc.update("delete from processed_event where processed_at < ?", Timestamp.from(before));
        Duration retention = processedEventRetention;
        String age = retention.toHoursPart() == 0 && retention.toMinutesPart() == 0 && retention.toSecondsPart() == 0
                ? retention.toDays() + " days" : retention.toString();
        return "forgot " + removed + " handled event ids older than " + age;
    }

    public static long catalogSize(Exchange answer) {
        return DownstreamAnswers.json(answer).path("totalElements").asLong();
    }

    public static long searchable(Exchange answer) {
        return DownstreamAnswers.json(answer).path("searchable").asLong();
    }

    public static boolean inStep(@Variable("catalog") long catalog, @Variable("searchable") long searchable) {
        return catalog == searchable;
    }

    public static String reindexOf(Exchange answer) {
        return DownstreamAnswers.tree(answer).path("reindexId").asText();
    }
}
