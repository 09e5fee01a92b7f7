package dev.souk.contracts.events;

import dev.souk.contracts.Topics;

import java.util.Locale;
import java.util.Map;

/**
 * Administrative acts of the integration hub on {@code operations-events}, for the audit log: who ({@code actorId},
 * {@code actorType} USER for an administrator, SYSTEM for the scheduler) did what to which operation target.
 */
public final class OperationsEvents {

    private OperationsEvents() {
    }

    private interface OperationsEvent extends DomainEvent {

        @Override
        default String topic() {
            return Topics.OPERATIONS_EVENTS;
        }
    }

    /** {@code prefix} followed by {@code change} in title case: SchedulerJob + PAUSED is SchedulerJobPaused. */
    private static String named(String prefix, String change) {
        return prefix + change.charAt(0) + change.substring(1).toLowerCase(Locale.ROOT);
    }

    /** An administrator put dead letters of {@code topic} back on it. */
    public record DeadLettersReplayed(String topic, int replayed, String actorId, String actorType, String traceId)
            implements OperationsEvent {

        @Override
        public String aggregateType() {
            return "dead-letters";
        }

        @Override
        public String aggregateId() {
            return topic;
        }
    }

    /**
     * Something was done to scheduler job {@code job}: RUN (on demand), PAUSED, RESUMED, RESCHEDULED (before/after hold
     * the cron expression), or one of its runs ENDED (after holds the result).
     */
    public record SchedulerJobChanged(String job, String change, Map<String, Object> before, Map<String, Object> after,
                                      String actorId, String actorType, String traceId) implements OperationsEvent {

        @Override
        public String aggregateType() {
            return "scheduler-job";
        }

        @Override
        public String aggregateId() {
            return job;
        }

        @Override
        public String eventType() {
            return named("SchedulerJob", change);
        }
    }

    /** A backup was made, verified, or restored ({@code change}: CREATED, VERIFIED, RESTORED, FAILED). */
    public record BackupChanged(String backupId, String change, Map<String, Object> after, String actorId, String actorType,
                                String traceId) implements OperationsEvent {

        @Override
        public String aggregateType() {
            return "backup";
        }

        @Override
        public String aggregateId() {
            return backupId;
        }

        @Override
        public String eventType() {
            return named("Backup", change);
        }
    }
}
