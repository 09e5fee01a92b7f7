package dev.souk.hub.scheduler;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import dev.souk.contracts.events.OperationsEvents.SchedulerJobChanged;
import dev.souk.hub.operations.OperationsLog;

/**
 * One run of a {@link ScheduledJob} on this hub: recorded in {@code scheduler_run}, the job's route called, the run's
 * result and summary recorded. Never two runs of one job at a time, across hubs too (the job store's lock).
 * Made by Quartz per run; Spring fills in the fields.
 */
@DisallowConcurrentExecution
public class SchedulerJobRun implements Job {

    /** Job data of a run asked for through the API. */
    static final String KIND = "kind";
    static final String REQUESTED_BY = "requestedBy";

    private static final Logger log = LoggerFactory.getLogger(SchedulerJobRun.class);
    /** How much of a run's summary its audit event carries (the run's record keeps 2000 characters). */
    private static final int SUMMARY_IN_EVENT = 1900;

    @Autowired
    private ProducerTemplate producer;
    @Autowired
    private SchedulerRuns runs;
    @Autowired
    private OperationsLog operations;

    @Override
    public void execute(JobExecutionContext context) {
        ScheduledJob job = ScheduledJob.named(context.getJobDetail().getKey().getName()).orElseThrow();
        JobDataMap data = context.getMergedJobDataMap();
        String kind = data.containsKey(KIND) ? data.getString(KIND) : context.isRecovering() ? "RECOVERY" : "SCHEDULE";
        Instant scheduledFor = context.getScheduledFireTime() == null ? Instant.now() : context.getScheduledFireTime().toInstant();
        String runId = runs.started(job, kind, data.getString(REQUESTED_BY), node(context), scheduledFor);
        SchedulerRuns.Result result;
        String summary;
        try {
            summary = producer.requestBodyAndHeaders(job.endpoint(), null, headersOf(data), String.class);
            result = SchedulerRuns.Result.SUCCEEDED;
            log.info("Scheduled job {} ({}): {}", job.jobName(), kind, summary);
        } catch (RuntimeException failed) {
            Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
            summary = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            result = SchedulerRuns.Result.FAILED;
            log.warn("Scheduled job {} ({}) failed: {}", job.jobName(), kind, cause.toString());
        }
        runs.finished(runId, result, summary);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("runId", runId);
        after.put("kind", kind);
        after.put("result", result.name());
        after.put("summary", summary == null ? "" : summary.length() <= SUMMARY_IN_EVENT ? summary
                : summary.substring(0, SUMMARY_IN_EVENT) + "…(cut)");
        operations.record(new SchedulerJobChanged(job.jobName(), "ENDED", Map.of(), after, OperationsLog.SCHEDULER,
                OperationsLog.SYSTEM, OperationsLog.traceId()));
    }

    /** The run's job data (what the run was asked for with), for the job's route. */
    private static Map<String, Object> headersOf(JobDataMap data) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (String key : data.getKeys()) {
            headers.put(key, data.get(key));
        }
        return headers;
    }

    private static String node(JobExecutionContext context) {
        try {
            return context.getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return "unknown";
        }
    }
}
