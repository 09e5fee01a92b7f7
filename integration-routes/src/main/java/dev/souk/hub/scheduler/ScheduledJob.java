package dev.souk.hub.scheduler;

import java.util.Arrays;
import java.util.Optional;

/**
 * The shop's periodic jobs. Each is a Camel route {@code scheduler-<name>} (see {@link MaintenanceJobRoutes}) that
 * answers a one-line summary of what it did; the scheduler only decides when it runs and on which hub.
 */
public enum ScheduledJob {

    CLEAN_PROCESSED_EVENTS("clean-processed-events",
            "Forget the ids of handled events older than the retention (souk.scheduler.processed-event-retention) "
                    + "and the operations events published over a week ago"),
    CHECK_SEARCH_INDEX("check-search-index",
            "Compare what search offers with product-service's catalog; ask for a reindex when they differ"),
    EXPIRE_ABANDONED_CARTS("expire-abandoned-carts",
            "Close the carts nobody changed for longer than cart-service keeps them (souk.cart.expire-after)"),
    SWEEP_ORPHAN_RESERVATIONS("sweep-orphan-reservations",
            "Give back stock still held for orders that are gone or cancelled (held longer than "
                    + "souk.scheduler.orphan-reservation-age); name the orders left without a process"),
    BACKUP("backup",
            "Back up every service's database and the hub's own (the engine's included) into souk.backup.dir"),
    VERIFY_BACKUP("verify-backup",
            "Check the latest backup: each file against its SHA-256, then a restore drill of each"),
    PRUNE_BACKUPS("prune-backups",
            "Remove the files of backups older than the newest souk.backup.keep complete ones");

    private final String jobName;
    private final String description;

    ScheduledJob(String jobName, String description) {
        this.jobName = jobName;
        this.description = description;
    }

    public String jobName() {
        return jobName;
    }

    public String description() {
        return description;
    }

    /** The route that does the work. */
    public String endpoint() {
        return "direct:scheduler-" + jobName;
    }

    public String routeId() {
        return "scheduler-" + jobName;
    }

    public static Optional<ScheduledJob> named(String name) {
        return Arrays.stream(values()).filter(job -> job.jobName.equals(name)).findFirst();
    }
}
