package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The scheduler through the gateway on the running stack: the administrator sees the jobs, runs the search index
 * check and the housekeeping jobs now and reads their runs; the API is documented; customers are refused.
 */
@ExtendWith(SoukStack.class)
class SchedulerFlowsIT {

    private static final String GATEWAY = Http.GATEWAY;

    @Test
    void theAdministratorRunsTheSearchIndexCheckAndReadsItsRun() {
        Http admin = Http.admin();
        HttpResponse<String> jobs = admin.get(GATEWAY + "/api/scheduler/jobs");
        assertThat(jobs.statusCode()).as(jobs.body()).isEqualTo(200);
        assertThat(Http.json(jobs).findValuesAsText("name")).contains("clean-processed-events", "check-search-index",
                "expire-abandoned-carts", "sweep-orphan-reservations");

        JsonNode run = runNow(admin, "check-search-index");
        // the real catalog and the real index: both counted, in step or a reindex asked for
        assertThat(run.path("summary").asText()).matches("(in step|drift): .*");
        assertThat(run.path("node").asText()).isNotBlank();
    }

    @Test
    void theHousekeepingJobsReachCartInventoryAndOrderServiceWithTheHubsToken() {
        Http admin = Http.admin();

        // the shop's carts and reservations are young here: the jobs find nothing due, but every call went through
        assertThat(runNow(admin, "expire-abandoned-carts").path("summary").asText()).matches("expired \\d+ abandoned carts");
        assertThat(runNow(admin, "sweep-orphan-reservations").path("summary").asText())
                .matches("checked \\d+ held reservations: released \\d+ .*");

        // and the audit log says who asked for the sweep, and that it ended (operations-events through the hub)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode asked = Http.json(admin.get(GATEWAY + "/api/audit?action=SchedulerJobRun&entityId=sweep-orphan-reservations"));
            assertThat(asked.findValuesAsText("actorId")).contains(admin.userId());
            JsonNode ended = Http.json(admin.get(GATEWAY + "/api/audit?action=SchedulerJobEnded&entityId=sweep-orphan-reservations"));
            assertThat(ended.findValuesAsText("actorType")).contains("SYSTEM");
        });
    }

    private static JsonNode runNow(Http admin, String job) {
        String before = lastRun(admin, job).path("id").asText();
        HttpResponse<String> requested = admin.send(Http.request(GATEWAY + "/api/scheduler/jobs/" + job + "/run")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode run = lastRun(admin, job);
            return !run.path("id").asText().equals(before) && run.path("kind").asText().equals("MANUAL")
                    && !run.path("result").asText().equals("RUNNING");
        });
        JsonNode run = lastRun(admin, job);
        assertThat(run.path("result").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        return run;
    }

    @Test
    void theSchedulerIsDocumentedAndTheAdministratorsOnly() {
        HttpResponse<String> docs = new Http().get(GATEWAY + "/api/scheduler/v3/api-docs");
        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/scheduler/jobs/{name}/run");

        Http customer = Http.newCustomer();
        assertThat(customer.get(GATEWAY + "/api/scheduler/jobs").statusCode()).isEqualTo(403);
        assertThat(customer.get(GATEWAY + "/api/scheduler/jobs?X-User-Roles=ADMIN").statusCode()).isEqualTo(403);
        assertThat(new Http().get(GATEWAY + "/api/scheduler/jobs").statusCode()).isEqualTo(401);
    }

    private static JsonNode lastRun(Http admin, String job) {
        HttpResponse<String> runs = admin.get(GATEWAY + "/api/scheduler/jobs/" + job + "/runs?size=1");
        assertThat(runs.statusCode()).as(runs.body()).isEqualTo(200);
        return Http.json(runs).path("content").path(0);
    }
}
