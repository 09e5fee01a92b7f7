package dev.souk.hub.backup;

import java.util.Map;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Component;

import dev.souk.contracts.ProblemCodes;
import dev.souk.hub.errors.ProblemException;
import dev.souk.hub.operations.OperationsLog;
import dev.souk.hub.scheduler.ScheduledJob;
import dev.souk.hub.scheduler.SchedulerOperations;
import dev.souk.hub.security.HubCaller;

/**
 * {@code /api/backups} (administrator): the backups and their files, a backup now, a verification now. Both run as the
 * scheduler's jobs {@code backup} and {@code verify-backup}, so a run happens on one hub and is in the job's history.
 */
@Component("backupOperations")
public class BackupOperations {

    private static final int MAX_PAGE_SIZE = 100;

    private final BackupStore backups;
    private final SchedulerOperations scheduler;

    BackupOperations(BackupStore backups, SchedulerOperations scheduler) {
        this.backups = backups;
        this.scheduler = scheduler;
    }

    public BackupStore.BackupPage list(@Header("page") String page, @Header("size") String size) {
        return backups.page(SchedulerOperations.number("page", page, 0, 0, 1_000_000),
                SchedulerOperations.number("size", size, 20, 1, MAX_PAGE_SIZE));
    }

    public BackupStore.Backup get(@Header("id") String id) {
        return backups.find(id).orElseThrow(() -> notFound(id));
    }

    public Map<String, Object> start(@ExchangeProperty(HubCaller.PROPERTY) HubCaller caller) throws SchedulerException {
        String id = backups.start(OperationsLog.actorOf(caller));
        try {
            scheduler.trigger(ScheduledJob.BACKUP, caller, Map.of(BackupRoutes.BACKUP_ID, id));
        } catch (SchedulerException | RuntimeException e) {
            backups.failUnstarted(id, e.getMessage());
            throw e;
        }
        return Map.of("id", id, "status", BackupStore.Status.RUNNING.name(),
                "detail", "The backup starts in a moment; GET /api/backups/" + id + " shows its files.");
    }

    public Map<String, Object> verify(@Header("id") String id, @ExchangeProperty(HubCaller.PROPERTY) HubCaller caller)
            throws SchedulerException {
        BackupStore.Backup backup = get(id);
        if (backup.prunedAt() != null) {
            throw new ProblemException(409, ProblemCodes.CONFLICT, "Backup " + id + " was pruned at " + backup.prunedAt()
                    + " (souk.backup.keep); its files are gone.");
        }
        if (backup.status() != BackupStore.Status.SUCCEEDED) {
            throw new ProblemException(409, ProblemCodes.CONFLICT, "Backup " + id + " is " + backup.status()
                    + "; only a backup that holds every database is verified.");
        }
        scheduler.trigger(ScheduledJob.VERIFY_BACKUP, caller, Map.of(BackupRoutes.BACKUP_ID, id));
        return Map.of("id", id, "requested", true,
                "detail", "The verification starts in a moment; GET /api/backups/" + id + " shows its result.");
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(404, ProblemCodes.NOT_FOUND, "No backup " + id + ".");
    }
}
