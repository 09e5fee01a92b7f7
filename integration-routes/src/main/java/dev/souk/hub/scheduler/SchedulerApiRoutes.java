package dev.souk.hub.scheduler;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import dev.souk.hub.api.HubRestConfiguration;
import dev.souk.hub.api.JsonAnswers;
import dev.souk.hub.scheduler.SchedulerOperations.JobView;
import dev.souk.hub.scheduler.SchedulerOperations.ScheduleChange;

/** {@code /api/scheduler} (administrator): the shop's periodic jobs, one route per operation. */
@Component
public class SchedulerApiRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/api/scheduler").tag("Scheduler").security(HubRestConfiguration.BEARER).produces("application/json")
                .get("/jobs").id("listScheduledJobs").outType(JobView[].class)
                    .description("Every job: schedule (Quartz cron), state (NORMAL, PAUSED, BLOCKED while it runs), "
                            + "next and previous run, and its last run with result and duration (administrator)")
                    .to("direct:scheduler-api-jobs")
                .get("/jobs/{name}").id("getScheduledJob").outType(JobView.class)
                    .description("One job (administrator)")
                    .param().name("name").type(RestParamType.path).endParam()
                    .responseMessage().code(404).message("NOT_FOUND: no such job").endResponseMessage()
                    .to("direct:scheduler-api-job")
                .post("/jobs/{name}/run").id("runScheduledJob")
                    .description("Run the job now, on whichever hub picks it up first; after the current run if one "
                            + "is going. 202: GET .../runs shows it (administrator)")
                    .param().name("name").type(RestParamType.path).endParam()
                    .responseMessage().code(202).message("The run is requested").endResponseMessage()
                    .responseMessage().code(404).message("NOT_FOUND: no such job").endResponseMessage()
                    .to("direct:scheduler-api-run")
                .post("/jobs/{name}/pause").id("pauseScheduledJob").outType(JobView.class)
                    .description("No more runs until resumed (administrator)")
                    .param().name("name").type(RestParamType.path).endParam()
                    .to("direct:scheduler-api-pause")
                .post("/jobs/{name}/resume").id("resumeScheduledJob").outType(JobView.class)
                    .description("Runs again on schedule; a run missed while paused happens once, now (administrator)")
                    .param().name("name").type(RestParamType.path).endParam()
                    .to("direct:scheduler-api-resume")
                .put("/jobs/{name}/schedule").id("rescheduleScheduledJob").type(ScheduleChange.class).outType(JobView.class)
                    .description("A new schedule, kept across restarts; a paused job stays paused (administrator)")
                    .param().name("name").type(RestParamType.path).endParam()
                    .responseMessage().code(400).message("VALIDATION_FAILED: not a cron expression, or it never fires")
                        .endResponseMessage()
                    .to("direct:scheduler-api-reschedule")
                .get("/jobs/{name}/runs").id("listScheduledJobRuns").outType(SchedulerRuns.RunPage.class)
                    .description("The job's runs, newest first: kind (SCHEDULE, MANUAL, RECOVERY), hub, result, "
                            + "summary, duration (administrator)")
                    .param().name("name").type(RestParamType.path).endParam()
                    .param().name("page").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .param().name("size").type(RestParamType.query).required(false).dataType("integer")
                        .description("1 to 100, default 20").endParam()
                    .to("direct:scheduler-api-runs");

        JsonAnswers.answer(from("direct:scheduler-api-jobs").routeId("scheduler-api-jobs")
                .description("GET /api/scheduler/jobs").bean("schedulerOperations", "jobs"), 200);
        JsonAnswers.answer(from("direct:scheduler-api-job").routeId("scheduler-api-job")
                .description("GET /api/scheduler/jobs/{name}").bean("schedulerOperations", "job"), 200);
        JsonAnswers.answer(from("direct:scheduler-api-run").routeId("scheduler-api-run")
                .description("POST /api/scheduler/jobs/{name}/run").bean("schedulerOperations", "run"), 202);
        JsonAnswers.answer(from("direct:scheduler-api-pause").routeId("scheduler-api-pause")
                .description("POST /api/scheduler/jobs/{name}/pause").bean("schedulerOperations", "pause"), 200);
        JsonAnswers.answer(from("direct:scheduler-api-resume").routeId("scheduler-api-resume")
                .description("POST /api/scheduler/jobs/{name}/resume").bean("schedulerOperations", "resume"), 200);
        JsonAnswers.answer(from("direct:scheduler-api-reschedule").routeId("scheduler-api-reschedule")
                .description("PUT /api/scheduler/jobs/{name}/schedule")
                .unmarshal().json(JsonLibrary.Jackson, ScheduleChange.class)
                .bean("requestValidation")
                .bean("schedulerOperations", "reschedule"), 200);
        JsonAnswers.answer(from("direct:scheduler-api-runs").routeId("scheduler-api-runs")
                .description("GET /api/scheduler/jobs/{name}/runs").bean("schedulerOperations", "runs"), 200);
    }
}
