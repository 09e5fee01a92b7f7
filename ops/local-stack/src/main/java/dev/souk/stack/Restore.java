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
import java.util.List;
import java.util.stream.Stream;

import dev.souk.backup.BackupFiles;

/**
 * Puts a backup of the embedded default back in place while the stack is stopped:
 * {@code java -jar local-stack.jar restore <backup id> [--data-dir DIR]}. Every {@code <app>.h2.zip} of
 * {@code <data>/backups/<id>/} is checked against the SHA-256 written beside it (nothing is restored when one does not
 * match), the app's current database files are moved aside into {@code <data>/<app>/before-restore-<time>/}, and the
 * backup's database is unpacked in their place. The Kafka broker's data stays: events the shop published after the
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

    /** Checks every file of the backup, then restores them all; throws before changing anything when one is bad. */
    public static List<Restored> restore(Path dataDir, String backupId) {
        if (!backupId.matches("[A-Za-z0-9][A-Za-z0-9-]{0,63}")) {
            throw new IllegalStateException("not a backup id: " + backupId);
        }
        Path folder = dataDir.resolve("backups").resolve(backupId);
        List<Path> zips;
        try (Stream<Path> files = Files.list(folder)) {
            zips = files.filter(file -> file.getFileName().toString().endsWith(".h2.zip")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("no backup " + backupId + " in " + folder.getParent());
        }
        if (zips.isEmpty()) {
            throw new IllegalStateException("backup " + backupId + " holds no H2 database");
        }
        for (Path zip : zips) {
            requireChecksum(zip);
        }
        String aside = "before-restore-" + ASIDE.format(Instant.now());
        List<Restored> restored = new ArrayList<>();
        for (Path zip : zips) {
            String file = zip.getFileName().toString();
            String app = file.substring(0, file.length() - ".h2.zip".length());
            restored.add(restoreOne(zip, dataDir.resolve(app), app, aside));
        }
        return restored;
    }

    private static Restored restoreOne(Path zip, Path appDir, String app, String aside) {
        try {
            Files.createDirectories(appDir);
            Path setAside = null;
            try (Stream<Path> current = Files.list(appDir)) {
                for (Path file : current.filter(f -> f.getFileName().toString().matches(".*\\.(mv|trace)\\.db")).toList()) {
                    setAside = Files.createDirectories(appDir.resolve(aside));
                    Files.move(file, setAside.resolve(file.getFileName()));
                }
            }
            Path database = BackupFiles.unpackH2(zip, appDir);
            return new Restored(app, database, setAside);
        } catch (IOException e) {
            throw new UncheckedIOException("restoring " + app + " from " + zip + " failed: " + e.getMessage(), e);
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
