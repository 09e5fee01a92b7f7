package dev.souk.hub.scheduler;

import java.time.Instant;

import org.apache.camel.ProducerTemplate;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

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

    @Autowired
    private ProducerTemplate producer;
    @Autowired
    private SchedulerRuns runs;

    @Override
    public void execute(JobExecutionContext context) {
        ScheduledJob job = ScheduledJob.named(context.getJobDetail().getKey().getName()).orElseThrow();
        JobDataMap data = context.getMergedJobDataMap();
        String kind = data.containsKey(KIND) ? data.getString(KIND) : context.isRecovering() ? "RECOVERY" : "SCHEDULE";
        Instant scheduledFor = context.getScheduledFireTime() == null ? Instant.now() : context.getScheduledFireTime().toInstant();
        String runId = runs.started(job, kind, data.getString(REQUESTED_BY), node(context), scheduledFor);
        try {
            String summary = producer.requestBody(job.endpoint(), null, String.class);
            runs.finished(runId, SchedulerRuns.Result.SUCCEEDED, summary);
            log.info("Scheduled job {} ({}): {}", job.jobName(), kind, summary);
        } catch (RuntimeException failed) {
            Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
            runs.finished(runId, SchedulerRuns.Result.FAILED, cause.getClass().getSimpleName() + ": " + cause.getMessage());
            log.warn("Scheduled job {} ({}) failed: {}", job.jobName(), kind, cause.toString());
        }
    }

    private static String node(JobExecutionContext context) {
        try {
            return context.getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return "unknown";
        }
    }
}
