package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import dev.souk.backup.DatabaseBackup;

/** The restore command on real H2 backups: every database back as it was backed up, or nothing touched. */
class RestoreTests {

    private final Path data = Path.of("target", "restore-tests", UUID.randomUUID().toString()).toAbsolutePath();

    @Test
    void everyDatabaseOfTheBackupReplacesTheCurrentOneWhichIsSetAside() throws Exception {
        for (String app : List.of("order-service", "integration-hub")) {
            sql(app, "create table entry (id int primary key)", "insert into entry values (1), (2)");
            backUp(app, "b-1");
            sql(app, "insert into entry values (3)");
        }
        manifest("b-1", "SUCCEEDED", "order-service", "integration-hub");

        List<Restore.Restored> restored = Restore.restore(data, "b-1");

        assertThat(restored).extracting(Restore.Restored::app).containsExactly("integration-hub", "order-service");
        assertThat(count("order-service")).isEqualTo(2);
        assertThat(count("integration-hub")).isEqualTo(2);
        assertThat(restored.get(1).setAside()).isNotNull();
        assertThat(restored.get(1).setAside().resolve("db.mv.db")).isRegularFile();
        assertThat(data.resolve("order-service")).isDirectoryNotContaining("glob:**restore-staging-*");
    }

    @Test
    void onlyABackupOfEveryDatabaseIsRestored() throws Exception {
        sql("cart-service", "create table entry (id int primary key)", "insert into entry values (1)");
        backUp("cart-service", "b-failed");
        backUp("cart-service", "b-unfinished");
        sql("cart-service", "insert into entry values (2)");
        manifest("b-failed", "FAILED", "cart-service");

        assertThatThrownBy(() -> Restore.restore(data, "b-failed")).hasMessageContaining("FAILED");
        assertThatThrownBy(() -> Restore.restore(data, "b-unfinished")).hasMessageContaining("manifest");
        assertThat(count("cart-service")).isEqualTo(2);
    }

    @Test
    void aBackupFileThatChangedRestoresNothing() throws Exception {
        sql("cart-service", "create table entry (id int primary key)", "insert into entry values (1)");
        sql("user-service", "create table entry (id int primary key)", "insert into entry values (1)");
        backUp("cart-service", "b-2");
        backUp("user-service", "b-2");
        sql("cart-service", "insert into entry values (2)");
        sql("user-service", "insert into entry values (2)");
        manifest("b-2", "SUCCEEDED", "cart-service", "user-service");
        Files.write(data.resolve("backups/b-2/user-service.h2.zip"), new byte[]{0}, StandardOpenOption.APPEND);

        assertThatThrownBy(() -> Restore.restore(data, "b-2")).hasMessageContaining("user-service.h2.zip")
                .hasMessageContaining("SHA-256");
        assertThat(count("cart-service")).isEqualTo(2);
        assertThatThrownBy(() -> Restore.restore(data, "b-none")).hasMessageContaining("no backup");
        assertThatThrownBy(() -> Restore.restore(data, "../etc")).hasMessageContaining("not a backup id");
    }

    /** What the hub writes when a backup ends. */
    private void manifest(String id, String status, String... apps) throws Exception {
        StringBuilder files = new StringBuilder();
        for (String app : apps) {
            files.append(files.isEmpty() ? "" : ",").append("{\"app\":\"").append(app).append("\",\"file\":\"")
                    .append(app).append(".h2.zip\",\"format\":\"h2-backup-zip\"}");
        }
        Files.writeString(data.resolve("backups").resolve(id).resolve("manifest.json"),
                "{\"backupId\":\"" + id + "\",\"status\":\"" + status + "\",\"files\":[" + files + "]}");
    }

    private void backUp(String app, String id) {
        new DatabaseBackup(app, dataSource(app), data.resolve("backups"), "sa", "").backUp(id);
    }

    private JdbcDataSource dataSource(String app) {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:file:" + data.resolve(app).resolve(app.equals("integration-hub") ? "engine" : "db"));
        db.setUser("sa");
        db.setPassword("");
        return db;
    }

    private void sql(String app, String... statements) throws Exception {
        try (Connection connection = dataSource(app).getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private int count(String app) throws Exception {
        try (Connection connection = DriverManager.getConnection(dataSource(app).getURL(), "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from entry")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
