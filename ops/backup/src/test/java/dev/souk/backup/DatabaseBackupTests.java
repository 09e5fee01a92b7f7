package dev.souk.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Real backups of a real H2 file database and a real PostgreSQL database, read back and tampered with. */
class DatabaseBackupTests {

    private static final Path WORK = Path.of("target", "backup-tests", UUID.randomUUID().toString());

    @Test
    void anH2DatabaseIsBackedUpOnceWithItsChecksumAndRestoresInTheDrill() throws Exception {
        DataSource db = h2("shop");
        execute(db, "create table item (id int primary key, name varchar(50))",
                "insert into item values (1, 'pan'), (2, 'lid'), (3, 'spoon')");
        DatabaseBackup backup = new DatabaseBackup("cart-service", db, WORK.resolve("backups"), "sa", "");

        BackupPart part = backup.backUp("b-1");
        BackupPart repeated = backup.backUp("b-1");

        Path file = WORK.resolve("backups/b-1/cart-service.h2.zip");
        assertThat(file).isRegularFile();
        assertThat(part.format()).isEqualTo(DatabaseBackup.H2_FORMAT);
        assertThat(part.bytes()).isEqualTo(Files.size(file));
        assertThat(part.sha256()).hasSize(64).isEqualTo(BackupFiles.sha256(file));
        assertThat(Files.readString(WORK.resolve("backups/b-1/cart-service.h2.zip.sha256")))
                .isEqualTo(part.sha256() + "  cart-service.h2.zip\n");
        assertThat(repeated).isEqualTo(part);
        assertThat(WORK.resolve("backups/b-1")).isDirectoryNotContaining("glob:**.partial");

        // the backup is the state at its time: later writes are not in it
        execute(db, "insert into item values (4, 'fork')");
        Verification verified = backup.verify("b-1");
        assertThat(verified.ok()).as(verified.detail()).isTrue();
        assertThat(verified.checksumMatches()).isTrue();
        assertThat(verified.restored()).isTrue();
        assertThat(verified.tables()).isEqualTo(1);
        assertThat(verified.rows()).isEqualTo(3);
    }

    @Test
    void aChangedOrMissingBackupFailsVerification() throws Exception {
        DataSource db = h2("tampered");
        execute(db, "create table entry (id int primary key)", "insert into entry values (1)");
        DatabaseBackup backup = new DatabaseBackup("audit-service", db, WORK.resolve("backups"), "sa", "");
        backup.backUp("b-2");

        Files.write(WORK.resolve("backups/b-2/audit-service.h2.zip"), new byte[]{1}, StandardOpenOption.APPEND);

        Verification changed = backup.verify("b-2");
        assertThat(changed.ok()).isFalse();
        assertThat(changed.checksumMatches()).isFalse();
        assertThat(changed.detail()).contains("SHA-256");
        Verification missing = backup.verify("b-never");
        assertThat(missing.ok()).isFalse();
        assertThat(missing.detail()).contains("no finished backup");
    }

    @Test
    void aDeletedBackupLeavesNothingBehindAndDeletingAgainChangesNothing() throws Exception {
        DataSource db = h2("pruned");
        execute(db, "create table entry (id int primary key)");
        DatabaseBackup backup = new DatabaseBackup("review-service", db, WORK.resolve("backups"), "sa", "");
        backup.backUp("b-old");
        Path other = Files.writeString(WORK.resolve("backups/b-old/other-app.h2.zip"), "another app's file");

        assertThat(backup.delete("b-old")).isTrue();
        assertThat(WORK.resolve("backups/b-old")).isDirectoryNotContaining("glob:**review-service*");
        assertThat(other).exists();
        Files.delete(other);
        assertThat(backup.delete("b-old")).isFalse();
        assertThat(WORK.resolve("backups/b-old")).doesNotExist();
        assertThat(backup.finished("b-old")).isEmpty();
    }

    @Test
    void badIdsAndDatabasesWithoutFilesAreRefused() {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:backup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        memory.setUser("sa");
        DatabaseBackup backup = new DatabaseBackup("search-service", memory, WORK.resolve("backups"), "sa", "");

        assertThatThrownBy(() -> backup.backUp("b-3")).isInstanceOf(BackupException.class).hasMessageContaining("in memory");
        for (String bad : new String[]{"../etc", "", "a/b", "x".repeat(65), "-start"}) {
            assertThatThrownBy(() -> backup.backUp(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aPostgreSqlDatabaseIsDumpedInCustomFormatAndReadBack() throws Exception {
        String database = "souk_backup_test_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        try {
            PGSimpleDataSource db = new PGSimpleDataSource();
            db.setURL("jdbc:postgresql://127.0.0.1:5432/" + database);
            db.setUser("postgres");
            execute(db, "create table payment (id int primary key, amount numeric(15,2))",
                    "insert into payment values (1, 12.50), (2, 7.00)", "create table refund (id int primary key)");
            DatabaseBackup backup = new DatabaseBackup("payment-service", db, WORK.resolve("backups"), "postgres", "");

            BackupPart part = backup.backUp("b-pg");
            Verification verified = backup.verify("b-pg");

            assertThat(part.file()).isEqualTo("payment-service.pgdump");
            assertThat(part.format()).isEqualTo(DatabaseBackup.PG_DUMP_FORMAT);
            assertThat(Files.readAllBytes(WORK.resolve("backups/b-pg/payment-service.pgdump"))).startsWith("PGDMP".getBytes());
            assertThat(verified.ok()).as(verified.detail()).isTrue();
            assertThat(verified.tables()).isEqualTo(2);
        } finally {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                 Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    private static DataSource h2(String name) {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:file:" + WORK.resolve("db-" + name).toAbsolutePath() + "/db");
        db.setUser("sa");
        db.setPassword("");
        return db;
    }

    private static void execute(DataSource db, String... statements) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
