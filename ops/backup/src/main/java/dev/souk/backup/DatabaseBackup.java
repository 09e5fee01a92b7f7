package dev.souk.backup;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

/**
 * Backs up one app's database into {@code <root>/<backupId>/}: an H2 database with H2's online backup ({@code BACKUP
 * TO}, a consistent zip while the app keeps running), a PostgreSQL database with {@code pg_dump --format=custom}. The
 * file is written under a temporary name and moved into place, and its SHA-256 is written beside it in
 * {@code sha256sum} format ({@code <file>.sha256}), so a file with its checksum is a finished backup. Backing up
 * under an id that already has a finished file answers that file: a repeated request does not make a second one.
 *
 * <p>{@link #verify} checks the file against its checksum and runs a restore drill: the H2 zip is unpacked into a
 * scratch folder and opened read-only (tables and rows counted); a PostgreSQL dump is read back by
 * {@code pg_restore --list} (its tables counted).
 */
public class DatabaseBackup {

    public static final String H2_FORMAT = "h2-backup-zip";
    public static final String PG_DUMP_FORMAT = "pg_dump-custom";

    /** Backup ids name folders: letters, digits and dashes only. */
    public static final Pattern BACKUP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Duration PG_DUMP_TIMEOUT = Duration.ofMinutes(30);

    private final String app;
    private final DataSource dataSource;
    private final Path root;
    private final String user;
    private final String password;

    /**
     * @param user     the database user (pg_dump signs in as it; the H2 drill opens the copy as it)
     * @param password its password, or empty
     */
    public DatabaseBackup(String app, DataSource dataSource, Path root, String user, String password) {
        this.app = app;
        this.dataSource = dataSource;
        this.root = root.toAbsolutePath().normalize();
        this.user = user == null ? "" : user;
        this.password = password == null ? "" : password;
    }

    public String app() {
        return app;
    }

    public Path root() {
        return root;
    }

    public synchronized BackupPart backUp(String backupId) {
        Path folder = folderOf(backupId);
        BackupPart existing = finished(backupId).orElse(null);
        if (existing != null) {
            return existing;
        }
        try {
            Files.createDirectories(folder);
            Vendor vendor = vendor();
            Path target = folder.resolve(app + vendor.extension);
            Path partial = folder.resolve(app + vendor.extension + ".partial");
            Files.deleteIfExists(partial);
            try {
                switch (vendor) {
                    case H2 -> h2Backup(partial);
                    case POSTGRESQL -> pgDump(partial);
                }
            } catch (BackupException failed) {
                Files.deleteIfExists(partial);
                throw failed;
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return part(backupId, target, BackupFiles.writeChecksum(target), vendor.format);
        } catch (IOException e) {
            throw new BackupException("The backup " + backupId + " of " + app + " could not be written: " + e.getMessage(), e);
        }
    }

    /** The finished backup file of this app under {@code backupId}, if there is one. */
    public Optional<BackupPart> finished(String backupId) {
        Path folder = folderOf(backupId);
        for (Vendor vendor : Vendor.values()) {
            Path file = folder.resolve(app + vendor.extension);
            Optional<String> checksum = recorded(file);
            if (Files.isRegularFile(file) && checksum.isPresent()) {
                return Optional.of(part(backupId, file, checksum.get(), vendor.format));
            }
        }
        return Optional.empty();
    }

    /**
     * Removes this app's file of backup {@code backupId} and its checksum, and the backup's folder once it is empty;
     * answers whether there was a file. Removing it again changes nothing.
     */
    public synchronized boolean delete(String backupId) {
        Path folder = folderOf(backupId);
        boolean found = false;
        try {
            for (Vendor vendor : Vendor.values()) {
                Path file = folder.resolve(app + vendor.extension);
                found |= Files.deleteIfExists(file);
                Files.deleteIfExists(BackupFiles.checksumOf(file));
                Files.deleteIfExists(folder.resolve(app + vendor.extension + ".partial"));
            }
            if (Files.isDirectory(folder)) {
                try (Stream<Path> left = Files.list(folder)) {
                    if (left.findAny().isEmpty()) {
                        Files.deleteIfExists(folder);
                    }
                }
            }
        } catch (IOException e) {
            throw new BackupException("The backup " + backupId + " of " + app + " could not be removed: " + e.getMessage(), e);
        }
        return found;
    }

    public Verification verify(String backupId) {
        BackupPart part = finished(backupId).orElse(null);
        if (part == null) {
            return new Verification(app, backupId, false, false, false, 0, 0,
                    "no finished backup " + backupId + " of " + app + " in " + root);
        }
        Path file = folderOf(backupId).resolve(part.file());
        boolean checksumMatches;
        try {
            checksumMatches = BackupFiles.sha256(file).equals(part.sha256());
        } catch (IOException e) {
            return new Verification(app, backupId, false, false, false, 0, 0, "unreadable: " + e.getMessage());
        }
        if (!checksumMatches) {
            return new Verification(app, backupId, false, false, false, 0, 0,
                    "the file's SHA-256 differs from the one recorded when it was written");
        }
        try {
            Drill drill = part.format().equals(H2_FORMAT) ? h2Drill(file) : pgDrill(file);
            return new Verification(app, backupId, true, true, true, drill.tables, drill.rows, drill.detail);
        } catch (IOException | SQLException | BackupException e) {
            return new Verification(app, backupId, false, true, false, 0, 0, "restore drill failed: " + e.getMessage());
        }
    }

    // ---- H2 ------------------------------------------------------------------------------------------------------

    private void h2Backup(Path partial) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("BACKUP TO '" + partial.toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new BackupException("H2 could not back up " + app + ": " + e.getMessage(), e);
        }
    }

    private Drill h2Drill(Path zip) throws IOException, SQLException {
        Path scratch = Files.createTempDirectory("souk-restore-drill-" + app + "-");
        try {
            Path database = BackupFiles.unpackH2(zip, scratch);
            int tables = 0;
            long rows = 0;
            try (Connection restored = DriverManager.getConnection("jdbc:h2:file:" + database + ";IFEXISTS=TRUE", user, password);
                 Statement statement = restored.createStatement()) {
                List<String> names = new ArrayList<>();
                try (ResultSet result = statement.executeQuery("select table_name from information_schema.tables "
                        + "where table_schema = 'PUBLIC' and table_type = 'BASE TABLE'")) {
                    while (result.next()) {
                        names.add(result.getString(1));
                    }
                }
                for (String name : names) {
                    try (ResultSet count = statement.executeQuery("select count(*) from \"" + name.replace("\"", "\"\"") + "\"")) {
                        count.next();
                        rows += count.getLong(1);
                        tables++;
                    }
                }
            }
            return new Drill(tables, rows, "restored into a scratch H2 database: " + tables + " tables, " + rows + " rows");
        } finally {
            deleteTree(scratch);
        }
    }

    // ---- PostgreSQL ----------------------------------------------------------------------------------------------

    private void pgDump(Path partial) {
        String url = jdbcUrl();
        URI uri = URI.create(url.substring("jdbc:".length()));
        String database = uri.getPath().replaceFirst("^/", "");
        List<String> command = new ArrayList<>(List.of("pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                "--host=" + (uri.getHost() == null ? "localhost" : uri.getHost()),
                "--port=" + (uri.getPort() < 0 ? 5432 : uri.getPort()), "--file=" + partial));
        if (!user.isEmpty()) {
            command.add("--username=" + user);
        }
        command.add(database);
        run(command, "pg_dump");
    }

    private Drill pgDrill(Path dump) {
        String listing = run(List.of("pg_restore", "--list", dump.toString()), "pg_restore");
        int tables = (int) listing.lines().filter(line -> line.contains(" TABLE DATA ")).count();
        return new Drill(tables, -1, "pg_restore reads the dump back: " + tables + " tables with data");
    }

    /** Runs a PostgreSQL client tool, its output into a scratch file so that the timeout holds; answers the output. */
    private String run(List<String> command, String tool) {
        Path output = null;
        try {
            output = Files.createTempFile("souk-" + tool + "-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            if (!password.isEmpty()) {
                builder.environment().put("PGPASSWORD", password);
            }
            Process process = builder.start();
            if (!process.waitFor(PG_DUMP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new BackupException(tool + " did not finish within " + PG_DUMP_TIMEOUT);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new BackupException(tool + " failed (exit " + process.exitValue() + "): " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new BackupException(tool + " could not be run (is the PostgreSQL client installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException(tool + " was interrupted", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a scratch file under the temp directory
                }
            }
        }
    }

    // ---- shared --------------------------------------------------------------------------------------------------

    private enum Vendor {
        H2(".h2.zip", H2_FORMAT), POSTGRESQL(".pgdump", PG_DUMP_FORMAT);

        final String extension;
        final String format;

        Vendor(String extension, String format) {
            this.extension = extension;
            this.format = format;
        }
    }

    private record Drill(int tables, long rows, String detail) {
    }

    private Vendor vendor() {
        String url = jdbcUrl().toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            if (url.startsWith("jdbc:h2:mem:")) {
                throw new BackupException(app + " keeps its data in memory only; there is nothing on disk to back up");
            }
            return Vendor.H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Vendor.POSTGRESQL;
        }
        throw new BackupException("No backup for the database of " + app + " (" + url + ")");
    }

    private String jdbcUrl() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new BackupException("The database of " + app + " cannot be reached: " + e.getMessage(), e);
        }
    }

    private Path folderOf(String backupId) {
        if (backupId == null || !BACKUP_ID.matcher(backupId).matches()) {
            throw new IllegalArgumentException("A backup id is 1-64 letters, digits and dashes: " + backupId);
        }
        return root.resolve(backupId);
    }

    private BackupPart part(String backupId, Path file, String sha256, String format) {
        try {
            return new BackupPart(app, backupId, file.getFileName().toString(), Files.size(file), sha256, format,
                    Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new BackupException("The backup file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Optional<String> recorded(Path file) {
        try {
            return BackupFiles.recordedChecksum(file);
        } catch (IOException e) {
            throw new BackupException("The checksum of " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a scratch folder under the temp directory; the system cleans it up
        }
    }
}
