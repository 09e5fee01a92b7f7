package dev.souk.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.backup.BackupFiles;

/**
 * Puts a backup of the embedded default back in place while the stack is stopped:
 * {@code java -jar local-stack.jar restore <backup id> [--data-dir DIR]}. Only a backup whose {@code manifest.json}
 * says it holds every database is restored, and only when every file matches the SHA-256 written beside it; all are
 * unpacked into staging folders first, then each app's current database files are moved aside into
 * {@code <data>/<app>/before-restore-<time>/} and the backup's take their place. The Kafka broker's data stays: events the shop published after the
 * backup are deduplicated by event id where they arrive again.
 */
public final class Restore {

    private static final DateTimeFormatter ASIDE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Restore() {
    }

    /** One app's database as restored. */
    public record Restored(String app, Path database, Path setAside) {
    }

    static int main(String[] args, PrintStream out) {
        if (args.length < 1 || args[0].startsWith("--")) {
            out.println("usage: java -jar local-stack.jar restore <backup id> [--data-dir DIR]   (with the stack stopped)");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Path dataDir = StackOptions.parse(rest).dataDir();
        if (anythingListens(8080) || anythingListens(8090)) {
            out.println("The stack is running (something answers on 8080 or 8090): stop it first, then restore.");
            return 1;
        }
        try {
            List<Restored> restored = restore(dataDir, args[0]);
            restored.forEach(r -> out.printf("  %-24s restored into %s%s%n", r.app(), r.database(),
                    r.setAside() == null ? "" : " (the previous files are in " + r.setAside() + ")"));
            out.println("Restored " + restored.size() + " databases from backup " + args[0] + ". Start the stack; "
                    + "the scheduler's check-search-index job (or POST /api/search/reindex) brings the search index in step.");
            return 0;
        } catch (IllegalStateException | UncheckedIOException e) {
            out.println("Nothing was restored: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Checks the backup (its manifest says it holds every database, and every file matches its SHA-256), unpacks every
     * database into a staging folder beside its app's, and only then swaps them in; throws before changing anything
     * when something is wrong.
     */
    public static List<Restored> restore(Path dataDir, String backupId) {
        if (!backupId.matches("[A-Za-z0-9][A-Za-z0-9-]{0,63}")) {
            throw new IllegalStateException("not a backup id: " + backupId);
        }
        Path data = dataDir.toAbsolutePath().normalize();
        Path folder = data.resolve("backups").resolve(backupId);
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("no backup " + backupId + " in " + folder.getParent());
        }
        List<Path> zips = completeFiles(folder, backupId);
        for (Path zip : zips) {
            requireChecksum(zip);
        }
        String stamp = ASIDE.format(Instant.now());
        List<Staged> staged = new ArrayList<>();
        try {
            for (Path zip : zips) {
                String file = zip.getFileName().toString();
                String app = file.substring(0, file.length() - ".h2.zip".length());
                Path staging = data.resolve(app).resolve("restore-staging-" + stamp);
                staged.add(new Staged(app, staging, BackupFiles.unpackH2(zip, staging)));
            }
        } catch (IOException | RuntimeException e) {
            staged.forEach(one -> deleteTree(one.staging()));
            throw new IllegalStateException("unpacking the backup failed, nothing was changed: " + e.getMessage(), e);
        }
        List<Restored> restored = new ArrayList<>();
        for (Staged one : staged) {
            restored.add(swapIn(one, data.resolve(one.app()), "before-restore-" + stamp));
        }
        return restored;
    }

    private record Staged(String app, Path staging, Path database) {
    }

    /** The backup's H2 files, when its manifest says the backup ended with every database in it. */
    private static List<Path> completeFiles(Path folder, String backupId) {
        Path manifestFile = folder.resolve("manifest.json");
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalStateException("backup " + backupId + " has no manifest.json: it did not finish");
        }
        JsonNode manifest;
        try {
            manifest = new ObjectMapper().readTree(manifestFile.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("the manifest of backup " + backupId + " cannot be read: " + e.getMessage());
        }
        if (!manifest.path("status").asText().equals("SUCCEEDED")) {
            throw new IllegalStateException("backup " + backupId + " is " + manifest.path("status").asText()
                    + ", not a backup of every database; restoring part of the shop would leave it inconsistent");
        }
        List<Path> zips = new ArrayList<>();
        for (JsonNode file : manifest.path("files")) {
            if (!file.path("format").asText().equals("h2-backup-zip")) {
                throw new IllegalStateException("backup " + backupId + " holds " + file.path("format").asText()
                        + " files; this command restores the embedded default (H2) only");
            }
            Path zip = folder.resolve(file.path("file").asText()).normalize();
            if (!zip.startsWith(folder) || !Files.isRegularFile(zip)) {
                throw new IllegalStateException("backup " + backupId + " lacks " + file.path("file").asText());
            }
            zips.add(zip);
        }
        if (zips.isEmpty()) {
            throw new IllegalStateException("backup " + backupId + " holds no database");
        }
        return zips.stream().sorted().toList();
    }

    /** The app's current database files go aside, the staged ones take their place. */
    private static Restored swapIn(Staged staged, Path appDir, String aside) {
        try {
            Path setAside = null;
            try (Stream<Path> current = Files.list(appDir)) {
                for (Path file : current.filter(f -> f.getFileName().toString().matches(".*\\.(mv|trace)\\.db")).toList()) {
                    setAside = Files.createDirectories(appDir.resolve(aside));
                    Files.move(file, setAside.resolve(file.getFileName()));
                }
            }
            try (Stream<Path> files = Files.list(staged.staging())) {
                for (Path file : files.toList()) {
                    Files.move(file, appDir.resolve(file.getFileName()));
                }
            }
            Files.delete(staged.staging());
            return new Restored(staged.app(), appDir.resolve(staged.database().getFileName() + ".mv.db"), setAside);
        } catch (IOException e) {
            throw new UncheckedIOException("restoring " + staged.app() + " failed: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a staging folder left behind holds nothing the shop reads
        }
    }

    private static void requireChecksum(Path zip) {
        try {
            String recorded = BackupFiles.recordedChecksum(zip).orElseThrow(() -> new IllegalStateException(
                    zip.getFileName() + " has no checksum beside it: not a finished backup file"));
            if (!recorded.equals(BackupFiles.sha256(zip))) {
                throw new IllegalStateException(zip.getFileName() + " does not match its SHA-256: the file changed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip + ": " + e.getMessage(), e);
        }
    }

    private static boolean anythingListens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException nothing) {
            return false;
        }
    }
}
