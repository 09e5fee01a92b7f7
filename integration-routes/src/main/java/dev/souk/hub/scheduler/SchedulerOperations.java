package dev.souk.hub.scheduler;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.camel.Header;
import org.apache.camel.ExchangeProperty;
import org.quartz.CronExpression;
import org.quartz.CronTrigger;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.springframework.stereotype.Component;

import dev.souk.contracts.ProblemCodes;
import dev.souk.hub.errors.InvalidRequestException;
import dev.souk.hub.errors.ProblemException;
import dev.souk.contracts.events.OperationsEvents.SchedulerJobChanged;
import dev.souk.hub.operations.OperationsLog;
import dev.souk.hub.security.HubCaller;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What {@code /api/scheduler} does (administrator): lists the jobs with their schedule, state and last run; runs one
 * now; pauses, resumes and reschedules one; shows a job's runs. Works on the clustered job store, so every hub sees
 * and changes the same schedule.
 */
@Component("schedulerOperations")
public class SchedulerOperations {

    /** {@code PUT /api/scheduler/jobs/{name}/schedule}: a Quartz cron expression, seconds first. */
    public record ScheduleChange(@NotBlank @Size(max = 120) String cron) {
    }

    /** A job as the API shows it. {@code state}: NORMAL, PAUSED, BLOCKED (running now), ERROR or NONE. */
    public record JobView(String name, String description, String cron, String timeZone, String state, Instant nextRunAt,
                          Instant previousRunAt, SchedulerRuns.Run lastRun) {
    }

    private static final int MAX_PAGE_SIZE = 100;

    private final Scheduler scheduler;
    private final SchedulerRuns runs;
    private final OperationsLog operations;

    SchedulerOperations(Scheduler scheduler, SchedulerRuns runs, OperationsLog operations) {
        this.scheduler = scheduler;
        this.runs = runs;
        this.operations = operations;
    }

    public List<JobView> jobs() {
        return Arrays.stream(ScheduledJob.values()).map(this::view).toList();
    }

    public JobView job(@Header("name") String name) {
        return view(jobNamed(name));
    }

    /** Runs the job now on whichever hub picks it up first (after the current run, if one is going). */
    public Map<String, Object> run(@Header("name") String name, @ExchangeProperty(HubCaller.PROPERTY) HubCaller caller)
            throws SchedulerException {
        ScheduledJob job = jobNamed(name);
        trigger(job, caller, Map.of());
        return Map.of("job", job.jobName(), "requested", true,
                "detail", "The run starts in a moment; GET /api/scheduler/jobs/" + job.jobName() + "/runs shows it.");
    }

    /**
     * Asks for a MANUAL run of {@code job} by {@code caller}; {@code data} reaches the job's route as headers (a backup
     * run gets the id of the backup it fills).
     */
    public void trigger(ScheduledJob job, HubCaller caller, Map<String, String> data) throws SchedulerException {
        JobDataMap jobData = new JobDataMap();
        jobData.putAll(data);
        jobData.put(SchedulerJobRun.KIND, "MANUAL");
        jobData.put(SchedulerJobRun.REQUESTED_BY, OperationsLog.actorOf(caller));
        scheduler.triggerJob(SchedulerSetup.jobKey(job), jobData);
        audit(job, "RUN", Map.of(), Map.of("kind", "MANUAL"), caller);
    }

    public JobView pause(@Header("name") String name, @ExchangeProperty(HubCaller.PROPERTY) HubCaller caller)
            throws SchedulerException {
        ScheduledJob job = jobNamed(name);
        String before = state(job);
        scheduler.pauseJob(SchedulerSetup.jobKey(job));
        JobView paused = view(job);
        audit(job, "PAUSED", Map.of("state", before), Map.of("state", paused.state()), caller);
        return paused;
    }

    /** A paused job that missed its time runs once now (see the misfire rule in {@link SchedulerSetup}). */
    public JobView resume(@Header("name") String name, @ExchangeProperty(HubCaller.PROPERTY) HubCaller caller)
            throws SchedulerException {
        ScheduledJob job = jobNamed(name);
        String before = state(job);
        scheduler.resumeJob(SchedulerSetup.jobKey(job));
        JobView resumed = view(job);
        audit(job, "RESUMED", Map.of("state", before), Map.of("state", resumed.state()), caller);
        return resumed;
    }

    /** A new schedule for the job; a paused job stays paused. Kept in the database, so it outlives restarts. */
    public JobView reschedule(@Header("name") String name, ScheduleChange change,
                              @ExchangeProperty(HubCaller.PROPERTY) HubCaller caller) throws SchedulerException {
        ScheduledJob job = jobNamed(name);
        requireFiresAgain(change.cron());
        String before = view(job).cron();
        boolean paused = scheduler.getTriggerState(SchedulerSetup.triggerKey(job)) == Trigger.TriggerState.PAUSED;
        scheduler.rescheduleJob(SchedulerSetup.triggerKey(job), SchedulerSetup.trigger(job, change.cron()));
        if (paused) {
            scheduler.pauseTrigger(SchedulerSetup.triggerKey(job));
        }
        JobView rescheduled = view(job);
        audit(job, "RESCHEDULED", before == null ? Map.of() : Map.of("cron", before), Map.of("cron", rescheduled.cron()), caller);
        return rescheduled;
    }

    private String state(ScheduledJob job) throws SchedulerException {
        return scheduler.getTriggerState(SchedulerSetup.triggerKey(job)).name();
    }

    private void audit(ScheduledJob job, String change, Map<String, Object> before, Map<String, Object> after,
                       HubCaller caller) {
        operations.record(new SchedulerJobChanged(job.jobName(), change, before, after, OperationsLog.actorOf(caller),
                OperationsLog.USER, OperationsLog.traceId()));
    }

    public SchedulerRuns.RunPage runs(@Header("name") String name, @Header("page") String page, @Header("size") String size) {
        return runs.page(jobNamed(name), number("page", page, 0, 0, Integer.MAX_VALUE),
                number("size", size, 20, 1, MAX_PAGE_SIZE));
    }

    private JobView view(ScheduledJob job) {
        try {
            Trigger trigger = scheduler.getTrigger(SchedulerSetup.triggerKey(job));
            Trigger.TriggerState state = scheduler.getTriggerState(SchedulerSetup.triggerKey(job));
            String cron = trigger instanceof CronTrigger cronTrigger ? cronTrigger.getCronExpression() : null;
            String zone = trigger instanceof CronTrigger cronTrigger ? cronTrigger.getTimeZone().getID() : null;
            return new JobView(job.jobName(), job.description(), cron, zone, state.name(),
                    instant(trigger == null ? null : trigger.getNextFireTime()),
                    instant(trigger == null ? null : trigger.getPreviousFireTime()), runs.last(job));
        } catch (SchedulerException e) {
            throw new IllegalStateException("The scheduler's job store cannot be read: " + e.getMessage(), e);
        }
    }

    private static void requireFiresAgain(String cron) {
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (java.text.ParseException invalid) {
            throw new InvalidRequestException("cron is not a Quartz cron expression (seconds minutes hours day-of-month "
                    + "month day-of-week [year], e.g. \"0 30 3 * * ?\"): " + invalid.getMessage());
        }
        if (expression.getNextValidTimeAfter(new Date()) == null) {
            throw new InvalidRequestException("cron \"" + cron + "\" never fires again.");
        }
    }

    private static ScheduledJob jobNamed(String name) {
        return ScheduledJob.named(name).orElseThrow(() ->
                new ProblemException(404, ProblemCodes.NOT_FOUND, "No scheduled job named " + name + "."));
    }

    /** A paging parameter: absent → {@code absent}; not a whole number within bounds → 400 VALIDATION_FAILED. */
    public static int number(String name, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidRequestException(name + " must be a whole number from " + min + " to " + max + ".");
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
