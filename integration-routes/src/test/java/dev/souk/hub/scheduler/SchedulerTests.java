package dev.souk.hub.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.hub.FakeService;
import dev.souk.hub.FakeService.Received;
import dev.souk.hub.HubTestSupport;

/**
 * {@code /api/scheduler} on a running hub with its clustered job store: the administrator sees every job with its
 * schedule and last run, runs one now, pauses, resumes and reschedules it, and reads its history; the jobs do their
 * work (old handled-event ids are forgotten, a search index that drifted from the catalog is rebuilt); nobody else may.
 */
class SchedulerTests extends HubTestSupport {

    private final ObjectMapper json = new ObjectMapper();
    /** Each test has its own instance: runs that started before it belong to another test. */
    private final Instant testStarted = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void defaultSchedules() throws Exception {
        for (ScheduledJob job : ScheduledJob.values()) {
            call("POST", "/api/scheduler/jobs/" + job.jobName() + "/resume", null, admin());
        }
        call("PUT", "/api/scheduler/jobs/clean-processed-events/schedule", "{\"cron\":\"0 30 3 * * ?\"}", admin());
    }

    @Test
    void theAdministratorSeesEveryJobWithItsScheduleAndNextRun() throws Exception {
        HttpResponse<String> answer = call("GET", "/api/scheduler/jobs", null, admin());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode jobs = json.readTree(answer.body());
        assertThat(jobs.findValuesAsText("name")).containsExactlyInAnyOrder("clean-processed-events", "check-search-index",
                "expire-abandoned-carts", "sweep-orphan-reservations", "backup", "verify-backup", "prune-backups");
        JsonNode clean = job(jobs, "clean-processed-events");
        assertThat(clean.path("cron").asText()).isEqualTo("0 30 3 * * ?");
        assertThat(clean.path("state").asText()).isEqualTo("NORMAL");
        assertThat(Instant.parse(clean.path("nextRunAt").asText())).isAfter(Instant.now());
        assertThat(clean.path("description").asText()).contains("retention");
    }

    @Test
    void aRunNowForgetsHandledEventIdsOlderThanTheRetentionAndIsRecorded() throws Exception {
        // given one handled event id from long ago and one from now
        String consumer = "scheduler-test-" + UUID.randomUUID();
        jdbc.update("insert into processed_event (consumer, event_id, processed_at) values (?, 'old', ?), (?, 'new', ?)",
                consumer, Timestamp.from(Instant.now().minus(Duration.ofDays(30))), consumer, Timestamp.from(Instant.now()));

        // and an operations event published eight days ago
        String published = UUID.randomUUID().toString();
        jdbc.update("insert into operations_outbox (event_id, event_type, event_key, payload, created_at, sent_at) "
                        + "values (?, 'SchedulerJobPaused', 'check-search-index', '{}', ?, ?)", published,
                Timestamp.from(Instant.now().minus(Duration.ofDays(8))), Timestamp.from(Instant.now().minus(Duration.ofDays(8))));

        // when the administrator runs the job now
        HttpResponse<String> requested = call("POST", "/api/scheduler/jobs/clean-processed-events/run", null, admin());

        // then it runs on the hub, the old id is gone, the new one kept, and the run is in the history
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        JsonNode run = awaitFinishedRun("clean-processed-events");
        assertThat(run.path("result").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("kind").asText()).isEqualTo("MANUAL");
        assertThat(run.path("requestedBy").asText()).isNotBlank();
        assertThat(run.path("summary").asText()).startsWith("forgot 1 handled event ids older than 14 days and ")
                .endsWith(" operations events published over a week ago");
        assertThat(run.path("durationMs").isNumber()).isTrue();
        assertThat(jdbc.queryForList("select event_id from processed_event where consumer = ?", String.class, consumer))
                .containsExactly("new");
        assertThat(jdbc.queryForObject("select count(*) from operations_outbox where event_id = ?", Integer.class, published))
                .isZero();
        JsonNode listed = job(json.readTree(call("GET", "/api/scheduler/jobs", null, admin()).body()), "clean-processed-events");
        assertThat(listed.path("lastRun").path("id").asText()).isEqualTo(run.path("id").asText());
    }

    @Test
    void aSearchIndexThatDriftedFromTheCatalogIsRebuiltAndOneInStepIsLeftAlone() throws Exception {
        PRODUCT_SERVICE.reset();
        SEARCH_SERVICE.reset();
        PRODUCT_SERVICE.answerJson("/api/products?page=0&size=1", 200,
                "{\"content\":[],\"page\":0,\"size\":1,\"totalElements\":12,\"totalPages\":12}");
        SEARCH_SERVICE.answerJson("/api/search/internal/index-state", 200, "{\"searchable\":12}");
        SEARCH_SERVICE.answerJson("/api/search/internal/reindex", 202, "{\"reindexId\":\"reindex-7\",\"status\":\"RUNNING\"}");

        // in step: nothing to do
        call("POST", "/api/scheduler/jobs/check-search-index/run", null, admin());
        JsonNode inStep = awaitFinishedRun("check-search-index");
        assertThat(inStep.path("summary").asText()).startsWith("in step").contains("12");
        assertThat(SEARCH_SERVICE.received()).noneMatch(r -> r.method().equals("POST"));

        // drifted: a reindex is asked for, with the hub's own token
        SEARCH_SERVICE.answerJson("/api/search/internal/index-state", 200, "{\"searchable\":11}");
        call("POST", "/api/scheduler/jobs/check-search-index/run", null, admin());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !lastRun("check-search-index").path("id").asText().equals(inStep.path("id").asText())
                        && !lastRun("check-search-index").path("result").asText().equals("RUNNING"));
        JsonNode drift = lastRun("check-search-index");
        assertThat(drift.path("result").asText()).as(drift.toString()).isEqualTo("SUCCEEDED");
        assertThat(drift.path("summary").asText()).startsWith("drift").contains("12").contains("11").contains("reindex-7");
        Received reindex = SEARCH_SERVICE.received().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        assertThat(reindex.uri().getPath()).isEqualTo("/api/search/internal/reindex");
        assertThat(reindex.authorization()).isEqualTo("Bearer " + HUB_SERVICE_TOKEN);
    }

    @Test
    void abandonedCartsAreExpiredRoundAfterRoundWhileCartServiceSaysMoreAreDue() throws Exception {
        CART_SERVICE.reset();
        AtomicInteger rounds = new AtomicInteger();
        CART_SERVICE.handle("POST", "/api/cart/internal/expire", request -> rounds.incrementAndGet() < 3
                ? new FakeService.Reply(200, "{\"expired\":200,\"more\":true}")
                : new FakeService.Reply(200, "{\"expired\":7,\"more\":false}"));

        call("POST", "/api/scheduler/jobs/expire-abandoned-carts/run", null, admin());

        JsonNode run = awaitFinishedRun("expire-abandoned-carts");
        assertThat(run.path("result").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("summary").asText()).isEqualTo("expired 407 abandoned carts");
        assertThat(CART_SERVICE.received()).hasSize(3).allSatisfy(request -> {
            assertThat(request.uri().getPath()).isEqualTo("/api/cart/internal/expire");
            assertThat(request.uri().getQuery()).isEqualTo("limit=200");
            assertThat(request.authorization()).isEqualTo("Bearer " + HUB_SERVICE_TOKEN);
            assertThat(request.userId()).isNull();
        });
    }

    @Test
    void reservationsOfOrdersThatAreGoneOrCancelledAreReleasedAndStrandedOrdersAreNamed() throws Exception {
        INVENTORY_SERVICE.reset();
        ORDER_SERVICE.reset();
        INVENTORY_SERVICE.handle("GET", "/api/inventory/reservations", request -> new FakeService.Reply(200, """
                {"items":[{"orderId":"ord-gone","status":"RESERVED"},{"orderId":"ord-cancelled","status":"RESERVED"},
                          {"orderId":"ord-stranded","status":"RESERVED"}],"more":false}"""));
        INVENTORY_SERVICE.handle("POST", "/api/inventory/release", request -> new FakeService.Reply(200, "{\"status\":\"RELEASED\"}"));
        ORDER_SERVICE.answerJson("/api/orders/ord-gone", 404, "{\"status\":404,\"code\":\"ORDER_NOT_FOUND\"}");
        ORDER_SERVICE.answerJson("/api/orders/ord-cancelled", 200, "{\"id\":\"ord-cancelled\",\"status\":\"CANCELLED\"}");
        ORDER_SERVICE.answerJson("/api/orders/ord-stranded", 200, "{\"id\":\"ord-stranded\",\"status\":\"PENDING\"}");

        call("POST", "/api/scheduler/jobs/sweep-orphan-reservations/run", null, admin());

        JsonNode run = awaitFinishedRun("sweep-orphan-reservations");
        assertThat(run.path("result").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("summary").asText()).isEqualTo("checked 3 held reservations: released 2 of orders that are "
                + "gone or cancelled, 0 still with their order's process, 1 of orders without a process: ord-stranded");
        Received list = INVENTORY_SERVICE.received().get(0);
        assertThat(list.uri().getQuery()).startsWith("status=RESERVED&createdBefore=").endsWith("&limit=200");
        Instant createdBefore = Instant.parse(list.uri().getQuery().replaceAll(".*createdBefore=([^&]+).*", "$1"));
        assertThat(createdBefore).isBetween(Instant.now().minus(Duration.ofMinutes(61)), Instant.now().minus(Duration.ofMinutes(59)));
        assertThat(INVENTORY_SERVICE.received().stream().filter(r -> r.method().equals("POST")).map(Received::body))
                .containsExactlyInAnyOrder("{\"orderId\":\"ord-gone\"}", "{\"orderId\":\"ord-cancelled\"}");
    }

    @Test
    void theSweepReadsPageAfterPageWhileInventorySaysMoreAreHeld() throws Exception {
        INVENTORY_SERVICE.reset();
        ORDER_SERVICE.reset();
        INVENTORY_SERVICE.handle("GET", "/api/inventory/reservations", request -> request.uri().getQuery().contains("after=")
                ? new FakeService.Reply(200, "{\"items\":[{\"orderId\":\"ord-page-2\"}],\"more\":false,\"next\":null}")
                : new FakeService.Reply(200, "{\"items\":[{\"orderId\":\"ord-page-1\"}],\"more\":true,"
                        + "\"next\":\"2026-12-01T10:00:00.123456Z~ord-page-1\"}"));
        INVENTORY_SERVICE.handle("POST", "/api/inventory/release", request -> new FakeService.Reply(200, "{\"status\":\"RELEASED\"}"));
        ORDER_SERVICE.answerJson("/api/orders/ord-page-1", 404, "{\"status\":404,\"code\":\"ORDER_NOT_FOUND\"}");
        ORDER_SERVICE.answerJson("/api/orders/ord-page-2", 404, "{\"status\":404,\"code\":\"ORDER_NOT_FOUND\"}");

        call("POST", "/api/scheduler/jobs/sweep-orphan-reservations/run", null, admin());

        JsonNode run = awaitFinishedRun("sweep-orphan-reservations");
        assertThat(run.path("result").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("summary").asText()).startsWith("checked 2 held reservations: released 2");
        List<Received> pages = INVENTORY_SERVICE.received().stream().filter(r -> r.method().equals("GET")).toList();
        assertThat(pages).hasSize(2);
        assertThat(pages.get(1).uri().getQuery()).contains("after=2026-12-01T10:00:00.123456Z~ord-page-1");
        // one cut-off for the whole run
        assertThat(pages.get(1).uri().getQuery().replaceAll(".*createdBefore=([^&]+).*", "$1"))
                .isEqualTo(pages.get(0).uri().getQuery().replaceAll(".*createdBefore=([^&]+).*", "$1"));
    }

    @Test
    void aSweepWithNothingHeldReleasesNothing() throws Exception {
        INVENTORY_SERVICE.reset();
        INVENTORY_SERVICE.handle("GET", "/api/inventory/reservations", request -> new FakeService.Reply(200,
                "{\"items\":[],\"more\":false}"));

        call("POST", "/api/scheduler/jobs/sweep-orphan-reservations/run", null, admin());

        JsonNode run = awaitFinishedRun("sweep-orphan-reservations");
        assertThat(run.path("result").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("summary").asText()).startsWith("checked 0 held reservations: released 0");
        assertThat(INVENTORY_SERVICE.received()).hasSize(1);
    }

    @Test
    void aFailingJobIsRecordedFailedWithItsReason() throws Exception {
        PRODUCT_SERVICE.reset();
        SEARCH_SERVICE.reset();
        PRODUCT_SERVICE.answerJson("/api/products?page=0&size=1", 503, "{\"status\":503,\"code\":\"UNAVAILABLE\"}");

        call("POST", "/api/scheduler/jobs/check-search-index/run", null, admin());

        JsonNode run = awaitFinishedRun("check-search-index");
        assertThat(run.path("result").asText()).isEqualTo("FAILED");
        assertThat(run.path("summary").asText()).isNotBlank();
    }

    @Test
    void pausedJobsWaitAndAChangedScheduleIsKept() throws Exception {
        HttpResponse<String> paused = call("POST", "/api/scheduler/jobs/clean-processed-events/pause", null, admin());
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(json.readTree(paused.body()).path("state").asText()).isEqualTo("PAUSED");

        // a new schedule keeps a paused job paused
        HttpResponse<String> changed = call("PUT", "/api/scheduler/jobs/clean-processed-events/schedule",
                "{\"cron\":\"0 15 2 ? * SUN\"}", admin());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).path("cron").asText()).isEqualTo("0 15 2 ? * SUN");
        assertThat(json.readTree(changed.body()).path("state").asText()).isEqualTo("PAUSED");

        HttpResponse<String> resumed = call("POST", "/api/scheduler/jobs/clean-processed-events/resume", null, admin());
        assertThat(json.readTree(resumed.body()).path("state").asText()).isEqualTo("NORMAL");
        assertThat(json.readTree(call("GET", "/api/scheduler/jobs/clean-processed-events", null, admin()).body())
                .path("cron").asText()).isEqualTo("0 15 2 ? * SUN");
    }

    @Test
    void badInputIsRefusedWithAProblem() throws Exception {
        assertProblem(call("PUT", "/api/scheduler/jobs/clean-processed-events/schedule", "{\"cron\":\"every day\"}", admin()),
                400, "VALIDATION_FAILED");
        assertProblem(call("PUT", "/api/scheduler/jobs/clean-processed-events/schedule", "{\"cron\":\"0 0 0 1 1 ? 2001\"}", admin()),
                400, "VALIDATION_FAILED");
        assertProblem(call("PUT", "/api/scheduler/jobs/clean-processed-events/schedule", "{}", admin()), 400, "VALIDATION_FAILED");
        assertProblem(call("PUT", "/api/scheduler/jobs/clean-processed-events/schedule", "{not json", admin()), 400, "MALFORMED_JSON");
        assertProblem(call("POST", "/api/scheduler/jobs/no-such-job/run", null, admin()), 404, "NOT_FOUND");
        assertProblem(call("GET", "/api/scheduler/jobs/clean-processed-events/runs?size=1000", null, admin()), 400, "VALIDATION_FAILED");
        assertProblem(call("GET", "/api/scheduler/jobs/clean-processed-events/runs?page=-1", null, admin()), 400, "VALIDATION_FAILED");
    }

    @Test
    void onlyTheAdministratorMayUseTheScheduler() throws Exception {
        assertThat(call("GET", "/api/scheduler/jobs", null, customer("user-1")).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/scheduler/jobs/clean-processed-events/run", null, customer("user-1")).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/scheduler/jobs", null, null).statusCode()).isEqualTo(401);
        // the role is the token's, not a parameter's
        assertThat(call("GET", "/api/scheduler/jobs?X-User-Roles=ADMIN", null, customer("user-1")).statusCode()).isEqualTo(403);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private JsonNode awaitFinishedRun(String job) throws Exception {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode last = lastRun(job);
            return !last.isMissingNode() && !last.path("result").asText().equals("RUNNING")
                    && last.path("startedAt").isTextual()
                    && !Instant.parse(last.path("startedAt").asText()).isBefore(testStarted);
        });
        return lastRun(job);
    }

    private JsonNode lastRun(String job) throws Exception {
        HttpResponse<String> runs = call("GET", "/api/scheduler/jobs/" + job + "/runs?size=1", null, admin());
        assertThat(runs.statusCode()).as(runs.body()).isEqualTo(200);
        return json.readTree(runs.body()).path("content").path(0);
    }

    private static JsonNode job(JsonNode jobs, String name) {
        for (JsonNode job : jobs) {
            if (job.path("name").asText().equals(name)) {
                return job;
            }
        }
        throw new AssertionError("no job " + name + " in " + jobs);
    }

    private void assertProblem(HttpResponse<String> answer, int status, String code) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(answer.body()).path("code").asText()).isEqualTo(code);
    }

    private HttpResponse<String> call(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
