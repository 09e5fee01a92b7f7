package dev.souk.hub.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.backup.BackupPart;
import dev.souk.backup.DatabaseBackup;
import dev.souk.backup.Verification;
import dev.souk.contracts.events.OperationsEvents.BackupChanged;
import dev.souk.hub.api.HubRestConfiguration;
import dev.souk.hub.api.JsonAnswers;
import dev.souk.hub.discovery.ServiceUrls;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.downstream.ServiceCallRoutes;
import dev.souk.hub.operations.OperationsLog;
import dev.souk.hub.scheduler.ScheduledJob;

/**
 * Backups of every database of the shop: each service backs up its own when the hub asks
 * ({@code POST <base-path>/internal/backups/{id}}, service-kit), the hub backs up its own (the engine's included),
 * all into one folder per backup; {@code backup_part} keeps each file's size and SHA-256. A failed service does not stop
 * the others; the backup is then FAILED and says which. Verification asks each service to check its file and restore it
 * in a drill. Routes: {@code backup-run}, {@code backup-verify}, {@code backup-call}, the jobs {@code scheduler-backup}
 * and {@code scheduler-verify-backup}, and {@code backups-api-*}.
 */
@Component
public class BackupRoutes extends RouteBuilder {

    /** Header of a run asked for through the API: the backup it fills. */
    public static final String BACKUP_ID = "backupId";
    static final String HUB = "integration-hub";

    /** Every service with a database, and the base path its backup endpoint lives under. */
    static final Map<String, String> SERVICES = services();

    private final BackupStore backups;
    private final DatabaseBackup hubBackup;
    private final ServiceUrls serviceUrls;
    private final OperationsLog operations;
    private final ObjectMapper json;
    private final int keep;

    public BackupRoutes(BackupStore backups, DatabaseBackup hubBackup, ServiceUrls serviceUrls, OperationsLog operations,
                        ObjectMapper json, @Value("${souk.backup.keep}") int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("souk.backup.keep must be at least 1");
        }
        this.keep = keep;
        this.backups = backups;
        this.hubBackup = hubBackup;
        this.serviceUrls = serviceUrls;
        this.operations = operations;
        this.json = json;
    }

    @Override
    public void configure() {
        rest("/api/backups").tag("Backups").security(HubRestConfiguration.BEARER).produces("application/json")
                .get().id("listBackups").outType(BackupStore.BackupPage.class)
                    .description("Backups, newest first: status, who asked, when, size, verification (administrator)")
                    .param().name("page").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .param().name("size").type(RestParamType.query).required(false).dataType("integer")
                        .description("1 to 100, default 20").endParam()
                    .to("direct:backups-api-list")
                .get("/{id}").id("getBackup").outType(BackupStore.Backup.class)
                    .description("One backup with each database's file: size, SHA-256, format, verification (administrator)")
                    .param().name("id").type(RestParamType.path).endParam()
                    .responseMessage().code(404).message("NOT_FOUND: no such backup").endResponseMessage()
                    .to("direct:backups-api-get")
                .post().id("startBackup")
                    .description("Back up every database now (the scheduler's job backup, on one hub). 202 with the "
                            + "backup's id (administrator)")
                    .responseMessage().code(202).message("The backup is requested").endResponseMessage()
                    .to("direct:backups-api-start")
                .post("/{id}/verify").id("verifyBackup")
                    .description("Check each file of the backup against its SHA-256 and restore it in a drill "
                            + "(the job verify-backup). 202 (administrator)")
                    .param().name("id").type(RestParamType.path).endParam()
                    .responseMessage().code(202).message("The verification is requested").endResponseMessage()
                    .responseMessage().code(404).message("NOT_FOUND: no such backup").endResponseMessage()
                    .responseMessage().code(409).message("CONFLICT: the backup is running or failed").endResponseMessage()
                    .to("direct:backups-api-verify");

        JsonAnswers.answer(from("direct:backups-api-list").routeId("backups-api-list")
                .description("GET /api/backups").bean("backupOperations", "list"), 200);
        JsonAnswers.answer(from("direct:backups-api-get").routeId("backups-api-get")
                .description("GET /api/backups/{id}").bean("backupOperations", "get"), 200);
        JsonAnswers.answer(from("direct:backups-api-start").routeId("backups-api-start")
                .description("POST /api/backups").bean("backupOperations", "start"), 202);
        JsonAnswers.answer(from("direct:backups-api-verify").routeId("backups-api-verify")
                .description("POST /api/backups/{id}/verify").bean("backupOperations", "verify"), 202);

        from(ScheduledJob.BACKUP.endpoint()).routeId(ScheduledJob.BACKUP.routeId())
                .description(ScheduledJob.BACKUP.description())
                .errorHandler(noErrorHandler())
                .setBody(method(this, "backupToFill"))
                .to("direct:backup-run");

        from(ScheduledJob.VERIFY_BACKUP.endpoint()).routeId(ScheduledJob.VERIFY_BACKUP.routeId())
                .description(ScheduledJob.VERIFY_BACKUP.description())
                .errorHandler(noErrorHandler())
                .setBody(method(this, "backupToVerify"))
                .choice()
                    .when(body().isNull()).setBody(constant("no finished backup to verify yet"))
                    .otherwise().to("direct:backup-verify")
                .end();

        // one service after the other: a backup reads each database whole, and two at once would share two cores
        askEachService("backup-run", "Back up every service's database, then the hub's; record each file; end the backup",
                constant(List.copyOf(SERVICES.keySet())), "POST", "backupPath", "recordPart", "recordFailure")
                .bean(this, "backUpHub")
                .bean(this, "finishBackup");

        askEachService("backup-verify", "Ask each service to check its file and restore it in a drill; the hub checks its own",
                method(this, "servicesInBackup"), "POST", "verifyPath", "recordVerification", "recordUnverified")
                .bean(this, "verifyHub")
                .bean(this, "finishVerification");

        // every service is asked, also one whose backup failed: a file may have been written before the failure
        askEachService("backup-prune", "Ask each service to remove its file of the backup, remove the hub's; mark it pruned",
                constant(List.copyOf(SERVICES.keySet())), "DELETE", "backupPath", "noteRemoved", "noteNotRemoved")
                .bean(this, "pruneHub")
                .bean(this, "finishPrune");

        from(ScheduledJob.PRUNE_BACKUPS.endpoint()).routeId(ScheduledJob.PRUNE_BACKUPS.routeId())
                .description(ScheduledJob.PRUNE_BACKUPS.description())
                .errorHandler(noErrorHandler())
                .split(method(this, "prunable"), AggregationStrategies.flexible(String.class).accumulateInCollection(ArrayList.class))
                    .to("direct:backup-prune")
                .end()
                .bean(BackupRoutes.class, "pruneSummary");

        // not through the service's circuit breaker: a backup may take minutes, far beyond an API call's timeout
        from("direct:backup-call").routeId("backup-call")
                .description("POST to a service's backup endpoint with the hub's token; minutes allowed")
                .errorHandler(noErrorHandler())
                .setProperty(ServiceCallRoutes.SERVICE, variable("app"))
                .setVariable("baseUrl", method(this, "baseUrlOf"))
                .process(ServiceCallRoutes::toHttpRequest)
                .bean("serviceAuthorization", "apply")
                .toD("${variable.baseUrl}?throwExceptionOnFailure=false&connectTimeout=2000"
                        + "&responseTimeout={{souk.hub.backup.response-timeout-ms:1800000}}")
                .convertBodyTo(String.class)
                .bean(DownstreamAnswers.class, "requireSuccess");
    }

    /**
     * Route {@code direct:<routeId>} (body: the backup id) that calls ({@code httpMethod}) each of {@code apps} in turn at the path
     * {@code pathMethod} gives, and hands the answer to {@code onAnswer}, or the failure to {@code onFailure}: one
     * service failing does not stop the others.
     */
    private ProcessorDefinition<?> askEachService(String routeId, String description, Expression apps, String httpMethod,
                                                  String pathMethod, String onAnswer, String onFailure) {
        return from("direct:" + routeId).routeId(routeId)
                .description(description)
                .errorHandler(noErrorHandler())
                .setVariable(BACKUP_ID, body())
                // each service is asked on a copy of the exchange: what failed is collected in one shared list
                .setVariable("failedApps", method(BackupRoutes.class, "newFailedApps"))
                .split(apps)
                    .setVariable("app", body())
                    .setHeader(ServiceCallRoutes.METHOD, constant(httpMethod))
                    .setHeader(ServiceCallRoutes.PATH, method(BackupRoutes.class, pathMethod))
                    .setBody(constant(""))
                    .doTry()
                        .to("direct:backup-call")
                        .bean(this, onAnswer)
                    .doCatch(Exception.class)
                        .bean(this, onFailure)
                    .end()
                .end();
    }

    // ---- the steps ---------------------------------------------------------------------------------------------------

    /** The backup a run fills: the one the API made, or a new one for a scheduled run. */
    public String backupToFill(@Header(BACKUP_ID) String requested) {
        String backupId = requested != null ? requested : backups.start(OperationsLog.SCHEDULER);
        backups.failInterrupted(backupId);
        return backupId;
    }

    public String backupToVerify(@Header(BACKUP_ID) String requested) {
        return requested != null ? requested : backups.latestSucceeded().orElse(null);
    }

    public String baseUrlOf(@Variable("app") String app) {
        return serviceUrls.baseUrl(app);
    }

    public static String backupPath(@Variable("app") String app, @Variable(BACKUP_ID) String backupId) {
        return SERVICES.get(app) + "/internal/backups/" + backupId;
    }

    public static String verifyPath(@Variable("app") String app, @Variable(BACKUP_ID) String backupId) {
        return backupPath(app, backupId) + "/verify";
    }

    public void recordPart(Exchange answer, @Variable(BACKUP_ID) String backupId) throws Exception {
        backups.recordPart(backupId, json.readValue(answer.getMessage().getBody(String.class), BackupPart.class));
    }

    public void recordFailure(Exchange failed, @Variable(BACKUP_ID) String backupId, @Variable("app") String app) {
        backups.recordFailure(backupId, app, failureOf(failed));
    }

    public void backUpHub(@Variable(BACKUP_ID) String backupId) {
        try {
            backups.recordPart(backupId, hubBackup.backUp(backupId));
        } catch (RuntimeException e) {
            backups.recordFailure(backupId, HUB, e.getMessage());
        }
    }

    public String finishBackup(@Variable(BACKUP_ID) String backupId) throws Exception {
        String summary = backups.finish(backupId);
        BackupStore.Backup backup = backups.find(backupId).orElseThrow();
        writeManifest(backup);
        boolean succeeded = backup.status() == BackupStore.Status.SUCCEEDED;
        record(backupId, succeeded ? "CREATED" : "FAILED", summary, backup.requestedBy());
        return backupId + ": " + summary;
    }

    public List<String> servicesInBackup(@Variable(BACKUP_ID) String backupId) {
        return backups.find(backupId).orElseThrow().parts().stream()
                .filter(part -> part.error() == null && SERVICES.containsKey(part.app()))
                .map(BackupStore.Part::app)
                .toList();
    }

    public void recordVerification(Exchange answer, @Variable(BACKUP_ID) String backupId) throws Exception {
        backups.recordVerification(backupId, json.readValue(answer.getMessage().getBody(String.class), Verification.class));
    }

    public void recordUnverified(Exchange failed, @Variable(BACKUP_ID) String backupId, @Variable("app") String app) {
        backups.recordVerification(backupId, new Verification(app, backupId, false, false, false, 0, 0,
                "could not be verified: " + failureOf(failed)));
    }

    public void verifyHub(@Variable(BACKUP_ID) String backupId) {
        if (backups.find(backupId).orElseThrow().parts().stream().anyMatch(p -> p.app().equals(HUB) && p.error() == null)) {
            backups.recordVerification(backupId, hubBackup.verify(backupId));
        }
    }

    /** {@code requestedBy}: the administrator who asked for this verification, none for a scheduled one. */
    public String finishVerification(@Variable(BACKUP_ID) String backupId, @Header("requestedBy") String requestedBy,
                                     @Header("kind") String kind) {
        String summary = backups.finishVerification(backupId);
        BackupStore.Backup backup = backups.find(backupId).orElseThrow();
        String actor = "MANUAL".equals(kind) && requestedBy != null ? requestedBy : OperationsLog.SCHEDULER;
        record(backupId, "PASSED".equals(backup.verification()) ? "VERIFIED" : "FAILED", summary, actor);
        return summary;
    }

    public List<String> prunable() {
        return backups.prunable(keep);
    }

    public void noteRemoved() {
        // the service has no file of the backup any more
    }

    public static List<String> newFailedApps() {
        return new CopyOnWriteArrayList<>();
    }

    public void noteNotRemoved(@Variable("failedApps") List<String> failedApps, @Variable("app") String app) {
        failedApps.add(app);
    }

    public void pruneHub(@Variable(BACKUP_ID) String backupId) throws IOException {
        Files.deleteIfExists(hubBackup.root().resolve(backupId).resolve("manifest.json"));
        hubBackup.delete(backupId);
    }

    /** Marks the backup pruned when every app removed its file; answers "PRUNED id" or "KEPT id: apps". */
    public String finishPrune(@Variable(BACKUP_ID) String backupId, @Variable("failedApps") List<String> notRemoved) {
        if (!notRemoved.isEmpty()) {
            return "KEPT " + backupId + ": " + String.join(", ", notRemoved);
        }
        backups.markPruned(backupId);
        return "PRUNED " + backupId;
    }

    public static String pruneSummary(Exchange pruned) {
        List<String> outcomes = pruned.getMessage().getBody() instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
        List<String> kept = outcomes.stream().filter(o -> o.startsWith("KEPT ")).map(o -> o.substring(5)).toList();
        return "pruned " + (outcomes.size() - kept.size()) + " backups"
                + (kept.isEmpty() ? "" : "; could not remove every file of " + String.join("; ", kept));
    }

    /**
     * {@code manifest.json} in the hub's folder of the backup: every database's file, size, SHA-256, format and time,
     * so a backup folder copied elsewhere still says what it holds.
     */
    private void writeManifest(BackupStore.Backup backup) throws IOException {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("backupId", backup.id());
        manifest.put("status", backup.status());
        manifest.put("startedAt", backup.startedAt());
        manifest.put("finishedAt", backup.finishedAt());
        manifest.put("files", backup.parts().stream().map(part -> {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("app", part.app());
            file.put("file", part.file());
            file.put("bytes", part.bytes());
            file.put("sha256", part.sha256());
            file.put("format", part.format());
            file.put("createdAt", part.createdAt());
            file.put("error", part.error());
            return file;
        }).toList());
        Path folder = Files.createDirectories(hubBackup.root().resolve(backup.id()));
        json.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("manifest.json").toFile(), manifest);
    }

    private void record(String backupId, String change, String summary, String actor) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("summary", summary);
        operations.record(new BackupChanged(backupId, change, after, actor,
                OperationsLog.SCHEDULER.equals(actor) ? OperationsLog.SYSTEM : OperationsLog.USER, OperationsLog.traceId()));
    }

    private static String failureOf(Exchange failed) {
        Exception cause = failed.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        return cause == null ? "unknown failure" : cause.getMessage();
    }

    private static Map<String, String> services() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("auth-service", "/api/auth");
        services.put("user-service", "/api/users");
        services.put("product-service", "/api/products");
        services.put("inventory-service", "/api/inventory");
        services.put("cart-service", "/api/cart");
        services.put("order-service", "/api/orders");
        services.put("payment-service", "/api/payments");
        services.put("delivery-service", "/api/delivery");
        services.put("notification-service", "/api/notifications");
        services.put("review-service", "/api/reviews");
        services.put("search-service", "/api/search");
        services.put("recommendation-service", "/api/recommendations");
        services.put("audit-service", "/api/audit");
        return Collections.unmodifiableMap(services);
    }
}
