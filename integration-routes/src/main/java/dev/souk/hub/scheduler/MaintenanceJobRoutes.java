package dev.souk.hub.scheduler;

import static dev.souk.hub.downstream.ServiceCallRoutes.CART_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.INVENTORY_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.ORDER_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.PRODUCT_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.SEARCH_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;

import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.downstream.ServiceCallRoutes;
import dev.souk.hub.operations.OperationsLog;
import dev.souk.hub.order.OrderProcess;

/**
 * The work of the scheduled jobs, one route per {@link ScheduledJob} (routeId {@code scheduler-<job>}); each answers
 * a one-line summary that the run's record keeps. A failure fails the run (recorded with its reason); the next run
 * tries again.
 */
@Component
public class MaintenanceJobRoutes extends RouteBuilder {

    /** Carts one call to cart-service may expire, and calls in one run (so one run closes at most 20,000). */
    static final int CARTS_PER_CALL = 200;
    static final int CART_CALLS_PER_RUN = 100;
    /** Held reservations one page of the sweep looks at, and pages in one run (the next run goes on with the rest). */
    static final int RESERVATIONS_PER_PAGE = 200;
    static final int RESERVATION_PAGES_PER_RUN = 25;

    /** What the sweep makes of one held reservation. */
    enum Verdict { RELEASED, LIVE, STRANDED }

    static final Duration PUBLISHED_OPERATIONS_EVENT_RETENTION = Duration.ofDays(7);

    private final JdbcTemplate jdbc;
    private final OrderProcess orders;
    private final OperationsLog operations;
    private final Duration processedEventRetention;
    private final Duration orphanReservationAge;

    public MaintenanceJobRoutes(JdbcTemplate jdbc, OrderProcess orders, OperationsLog operations,
                                @Value("${souk.scheduler.processed-event-retention}") Duration processedEventRetention,
                                @Value("${souk.scheduler.orphan-reservation-age}") Duration orphanReservationAge) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.operations = operations;
        this.processedEventRetention = processedEventRetention;
        this.orphanReservationAge = orphanReservationAge;
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

        // cart-service knows how long it keeps a cart; the job asks it round after round while more are due
        from(ScheduledJob.EXPIRE_ABANDONED_CARTS.endpoint()).routeId(ScheduledJob.EXPIRE_ABANDONED_CARTS.routeId())
                .description(ScheduledJob.EXPIRE_ABANDONED_CARTS.description())
                .errorHandler(noErrorHandler())
                .setVariable("expired", constant(0))
                .setVariable("more", constant(true))
                .loopDoWhile(method(MaintenanceJobRoutes.class, "anotherCartRound"))
                    .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                    .setHeader(ServiceCallRoutes.PATH, constant("/api/cart/internal/expire"))
                    .setHeader(ServiceCallRoutes.QUERY, constant("limit=" + CARTS_PER_CALL))
                    .setBody(constant(""))
                    .to(callOf(CART_SERVICE))
                    .process(MaintenanceJobRoutes::countExpiredCarts)
                .end()
                .setBody(method(MaintenanceJobRoutes.class, "expirySummary"));

        // a reservation outlives its order only when a step was lost (a process deleted by hand, an order-service
        // restored from an older backup): its stock goes back on sale; one whose order waits without a process is
        // named for an operator, since only the order's owner or staff may decide its fate
        from(ScheduledJob.SWEEP_ORPHAN_RESERVATIONS.endpoint()).routeId(ScheduledJob.SWEEP_ORPHAN_RESERVATIONS.routeId())
                .description(ScheduledJob.SWEEP_ORPHAN_RESERVATIONS.description())
                .errorHandler(noErrorHandler())
                .setVariable("outcomes", method(MaintenanceJobRoutes.class, "newOutcomes"))
                .setVariable("createdBefore", method(this, "sweepCutoff"))
                .setVariable("more", constant(true))
                // page after page while inventory says more are held, so reservations of live orders at the head of
                // the list never hide newer orphans
                .loopDoWhile(method(MaintenanceJobRoutes.class, "anotherReservationPage"))
                    .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                    .setHeader(ServiceCallRoutes.PATH, constant("/api/inventory/reservations"))
                    .setHeader(ServiceCallRoutes.QUERY, method(MaintenanceJobRoutes.class, "heldReservationsQuery"))
                    .setBody(constant(null))
                    .to(callOf(INVENTORY_SERVICE))
                    .process(MaintenanceJobRoutes::notePage)
                    .split(method(MaintenanceJobRoutes.class, "heldOrderIds")).stopOnException()
                        .setVariable("orderId", body())
                        .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                        .setHeader(ServiceCallRoutes.PATH, simple("/api/orders/${variable.orderId}"))
                        .removeHeader(ServiceCallRoutes.QUERY)
                        .setBody(constant(null))
                        .to(callOf(ORDER_SERVICE))
                        .setVariable("verdict", method(this, "verdictOn"))
                        .filter(variable("verdict").isEqualTo(Verdict.RELEASED.name()))
                            .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                            .setHeader(ServiceCallRoutes.PATH, constant("/api/inventory/release"))
                            .setBody(simple("{\"orderId\":\"${variable.orderId}\"}"))
                            .to(callOf(INVENTORY_SERVICE))
                            .bean(DownstreamAnswers.class, "requireSuccess")
                        .end()
                        .bean(MaintenanceJobRoutes.class, "noteOutcome")
                    .end()
                .end()
                .bean(MaintenanceJobRoutes.class, "sweepSummary");
    }

    /**
     * Removes the handled-event ids older than the retention (a redelivery that old is not expected any more) and the
     * operations events published more than a week ago (the audit log has them).
     */
    String forgetProcessedEvents() {
        Instant before = Instant.now().minus(processedEventRetention);
        int removed = jdbc.update("delete from processed_event where processed_at < ?", Timestamp.from(before));
        int published = operations.forgetSentBefore(PUBLISHED_OPERATIONS_EVENT_RETENTION);
        Duration retention = processedEventRetention;
        String age = retention.toHoursPart() == 0 && retention.toMinutesPart() == 0 && retention.toSecondsPart() == 0
                ? retention.toDays() + " days" : retention.toString();
        return "forgot " + removed + " handled event ids older than " + age + " and " + published
                + " operations events published over a week ago";
    }

    public static boolean anotherCartRound(@Variable("more") boolean more, Exchange exchange) {
        return more && exchange.getProperty(Exchange.LOOP_INDEX, 0, Integer.class) < CART_CALLS_PER_RUN;
    }

    static void countExpiredCarts(Exchange answer) {
        var round = DownstreamAnswers.json(answer);
        answer.setVariable("expired", answer.getVariable("expired", Integer.class) + round.path("expired").asInt());
        answer.setVariable("more", round.path("more").asBoolean());
    }

    public String sweepCutoff() {
        return Instant.now().minus(orphanReservationAge).toString();
    }

    public static List<String> newOutcomes() {
        return new CopyOnWriteArrayList<>();
    }

    public static boolean anotherReservationPage(@Variable("more") boolean more, Exchange exchange) {
        return more && exchange.getProperty(Exchange.LOOP_INDEX, 0, Integer.class) < RESERVATION_PAGES_PER_RUN;
    }

    public static String heldReservationsQuery(@Variable("createdBefore") String createdBefore, @Variable("after") String after) {
        return "status=RESERVED&createdBefore=" + createdBefore + "&limit=" + RESERVATIONS_PER_PAGE
                + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
    }

    /** Where the page ended, for the next one. */
    static void notePage(Exchange page) {
        var answer = DownstreamAnswers.json(page);
        page.setVariable("more", answer.path("more").asBoolean());
        page.setVariable("after", answer.path("next").isTextual() ? answer.path("next").asText() : null);
    }

    /** Each split copy adds its verdict to the run's one list. */
    public static void noteOutcome(@Variable("outcomes") List<String> outcomes, @Variable("verdict") String verdict,
                                   @Variable("orderId") String orderId) {
        outcomes.add(verdict + " " + orderId);
    }

    public static List<String> heldOrderIds(Exchange answer) {
        return StreamSupport.stream(DownstreamAnswers.json(answer).path("items").spliterator(), false)
                .map(reservation -> reservation.path("orderId").asText())
                .toList();
    }

    /**
     * Gone (404) or cancelled: the stock is the shop's again. Otherwise an order with its process still running is
     * that process's business (an incident in Cockpit says why it waits); one without a process is stranded.
     */
    public String verdictOn(Exchange orderAnswer, @Variable("orderId") String orderId) {
        Verdict verdict;
        if (orders.running(orderId)) {
            // whatever order-service says (it may have been restored from an older backup), a running process owns it
            verdict = Verdict.LIVE;
        } else if (DownstreamAnswers.status(orderAnswer) == 404) {
            verdict = Verdict.RELEASED;
        } else {
            DownstreamAnswers.requireSuccess(orderAnswer);
            verdict = DownstreamAnswers.tree(orderAnswer).path("status").asText().equals("CANCELLED")
                    ? Verdict.RELEASED : Verdict.STRANDED;
        }
        return verdict.name();
    }

    public static String expirySummary(@Variable("expired") int expired, @Variable("more") boolean more) {
        return "expired " + expired + " abandoned carts" + (more ? " (more are due: the next run goes on)" : "");
    }

    /** The run's outcomes, "VERDICT orderId" each. */
    public static String sweepSummary(@Variable("outcomes") List<String> outcomes) {
        List<String> stranded = outcomes.stream().filter(o -> o.startsWith(Verdict.STRANDED.name()))
                .map(o -> o.substring(Verdict.STRANDED.name().length() + 1)).toList();
        long released = outcomes.stream().filter(o -> o.startsWith(Verdict.RELEASED.name())).count();
        long live = outcomes.stream().filter(o -> o.startsWith(Verdict.LIVE.name())).count();
        return "checked " + outcomes.size() + " held reservations: released " + released
                + " of orders that are gone or cancelled, " + live + " still with their order's process"
                + (stranded.isEmpty() ? "" : ", " + stranded.size() + " of orders without a process: " + String.join(", ", stranded));
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
