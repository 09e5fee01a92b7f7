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
 * check now and reads its run; the API is documented; customers are refused.
 */
@ExtendWith(SoukStack.class)
class SchedulerFlowsIT {

    private static final String GATEWAY = Http.GATEWAY;

    @Test
    void theAdministratorRunsTheSearchIndexCheckAndReadsItsRun() {
        Http admin = Http.admin();
        HttpResponse<String> jobs = admin.get(GATEWAY + "/api/scheduler/jobs");
        assertThat(jobs.statusCode()).as(jobs.body()).isEqualTo(200);
        assertThat(Http.json(jobs).findValuesAsText("name")).contains("clean-processed-events", "check-search-index");

        HttpResponse<String> requested = admin.send(Http.request(GATEWAY + "/api/scheduler/jobs/check-search-index/run")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode run = lastRun(admin);
            return run.path("kind").asText().equals("MANUAL") && !run.path("result").asText().equals("RUNNING");
        });
        JsonNode run = lastRun(admin);
        // the real catalog and the real index: both counted, in step or a reindex asked for
        assertThat(run.path("result").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("summary").asText()).matches("(in step|drift): .*");
        assertThat(run.path("node").asText()).isNotBlank();
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

    private static JsonNode lastRun(Http admin) {
        HttpResponse<String> runs = admin.get(GATEWAY + "/api/scheduler/jobs/check-search-index/runs?size=1");
        assertThat(runs.statusCode()).as(runs.body()).isEqualTo(200);
        return Http.json(runs).path("content").path(0);
    }
}
