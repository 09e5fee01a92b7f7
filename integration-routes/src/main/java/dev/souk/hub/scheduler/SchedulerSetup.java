package dev.souk.hub.scheduler;

import java.util.ArrayList;
import java.util.List;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Every {@link ScheduledJob} with its trigger, registered in the clustered job store when a hub starts. A job or
 * trigger the store has already is left as it is ({@code spring.quartz.overwrite-existing-jobs: false}): a schedule an
 * administrator changed survives restarts, and a changed default in {@code souk.scheduler.jobs} applies to a fresh
 * database only (or once PUT through the API).
 *
 * <p><b>Misfires.</b> A run is misfired when no hub could start it within {@code org.quartz.jobStore.misfireThreshold}
 * (one minute) of its time — every hub was down, or the previous run of the job was still going. The jobs are
 * catch-up-once work, so a misfired trigger fires once as soon as a hub can and then keeps its schedule
 * ({@link CronScheduleBuilder#withMisfireHandlingInstructionFireAndProceed()}); several missed times make one run.
 * A hub that dies during a run leaves it to another hub, which runs it again ({@code requestRecovery}): every job is
 * safe to repeat.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerSetup {

    public static final String GROUP = "souk";

    @Bean
    SchedulerFactoryBeanCustomizer soukJobs(Environment environment) {
        return factory -> {
            List<JobDetail> jobs = new ArrayList<>();
            List<Trigger> triggers = new ArrayList<>();
            for (ScheduledJob job : ScheduledJob.values()) {
                JobDetail detail = jobDetail(job);
                jobs.add(detail);
                triggers.add(trigger(job, defaultCron(environment, job)));
            }
            factory.setJobDetails(jobs.toArray(JobDetail[]::new));
            factory.setTriggers(triggers.toArray(Trigger[]::new));
        };
    }

    static String defaultCron(Environment environment, ScheduledJob job) {
        String cron = environment.getProperty("souk.scheduler.jobs." + job.jobName());
        if (cron == null || cron.isBlank()) {
            throw new IllegalStateException("No schedule for job " + job.jobName() + ": set souk.scheduler.jobs."
                    + job.jobName() + " (a Quartz cron expression)");
        }
        return cron;
    }

    static JobKey jobKey(ScheduledJob job) {
        return JobKey.jobKey(job.jobName(), GROUP);
    }

    static TriggerKey triggerKey(ScheduledJob job) {
        return TriggerKey.triggerKey(job.jobName(), GROUP);
    }

    static JobDetail jobDetail(ScheduledJob job) {
        return JobBuilder.newJob(SchedulerJobRun.class).withIdentity(jobKey(job)).withDescription(job.description())
                .storeDurably().requestRecovery().build();
    }

    static CronTrigger trigger(ScheduledJob job, String cron) {
        return TriggerBuilder.newTrigger().withIdentity(triggerKey(job)).forJob(jobKey(job))
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
