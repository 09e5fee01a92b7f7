package dev.souk.kit.backup;

import dev.souk.backup.BackupException;
import dev.souk.backup.BackupPart;
import dev.souk.backup.DatabaseBackup;
import dev.souk.backup.Verification;
import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The service's own database backup, for the hub's backup runs ({@code /api/backups}). */
@RestController
@RequestMapping("${souk.service.base-path}" + BackupController.PATH)
@Validated
@Tag(name = "Backups", description = "Called by the hub's backup runs (GET/POST /api/backups); not part of the shop's API.")
public class BackupController {

    static final String PATH = "/internal/backups";
    private static final String ID = "[A-Za-z0-9][A-Za-z0-9-]{0,63}";
    private static final String ID_MESSAGE = "must be 1-64 letters, digits and dashes";

    private final DatabaseBackup backup;

    BackupController(DatabaseBackup backup) {
        this.backup = backup;
    }

    @PostMapping("/{backupId}")
    @Operation(summary = "Back up this service's database under a backup id",
            description = "H2: online backup (zip); PostgreSQL: pg_dump in custom format. The SHA-256 is written beside "
                    + "the file. 201 with the new file; 200 with the file made earlier under the same id.")
    ResponseEntity<BackupPart> backUp(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String backupId) {
        boolean existed = backup.finished(backupId).isPresent();
        try {
            BackupPart part = backup.backUp(backupId);
            return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED).body(part);
        } catch (BackupException e) {
            throw failed(e);
        }
    }

    @PostMapping("/{backupId}/verify")
    @Operation(summary = "Check a backup: its SHA-256, then a restore drill",
            description = "H2: the zip is restored into a scratch database and its tables and rows counted; PostgreSQL: "
                    + "pg_restore reads the dump back. `ok` false says why in `detail`.")
    Verification verify(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String backupId) {
        return backup.verify(backupId);
    }

    @DeleteMapping("/{backupId}")
    @Operation(summary = "Remove this service's file of a backup (the hub's retention)",
            description = "204 whether or not there was a file; removing it again changes nothing.")
    ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String backupId) {
        try {
            backup.delete(backupId);
            return ResponseEntity.noContent().build();
        } catch (BackupException e) {
            throw failed(e);
        }
    }

    private static ApiException failed(BackupException e) {
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, ProblemCodes.BACKUP_FAILED, e.getMessage());
    }
}
