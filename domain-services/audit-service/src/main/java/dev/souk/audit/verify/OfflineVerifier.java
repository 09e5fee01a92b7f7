package dev.souk.audit.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.audit.log.AuditRows;
import dev.souk.audit.log.ChainVerifier;
import dev.souk.audit.log.Checkpoint;
import dev.souk.audit.log.ExportFormat;
import dev.souk.audit.log.VerifyResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;

/**
 * Verifies an audit log without the running stack: a database (H2 file or PostgreSQL, by JDBC URL; stop the service
 * first for an H2 file, or point at a copy) or an export file. Prints the result as JSON and exits 0 when the chain
 * checks out, 1 when it does not, 2 on wrong usage or an unreadable source.
 *
 * <pre>
 * java -cp audit-service-exec.jar -Dloader.main=dev.souk.audit.verify.OfflineVerifier \
 *      org.springframework.boot.loader.launch.PropertiesLauncher \
 *      (--export FILE | --jdbc-url URL [--user U] [--password P]) [--public-key BASE64]...
 * </pre>
 *
 * Without {@code --public-key} a checkpoint's signature is checked against the key stored with it, which proves nothing
 * against someone who could write the database: pass the key of {@code GET /api/audit/signing-key}, kept elsewhere.
 */
public final class OfflineVerifier {

    private static final String USAGE = "usage: (--export FILE | --jdbc-url URL [--user U] [--password P]) [--public-key BASE64]...";

    private OfflineVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a verification; answers the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String export = null;
        String url = null;
        String user = null;
        String password = System.getenv("SOUK_AUDIT_VERIFY_PASSWORD");
        Set<String> keys = new LinkedHashSet<>();
        List<String> rest = new ArrayList<>(List.of(args));
        try {
            while (!rest.isEmpty()) {
                String option = rest.remove(0);
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = rest.remove(0);
                switch (option) {
                    case "--export" -> export = value;
                    case "--jdbc-url" -> url = value;
                    case "--user" -> user = value;
                    case "--password" -> password = value;
                    case "--public-key" -> keys.add(value.strip());
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if ((export == null) == (url == null)) {
                throw new IllegalArgumentException("give either --export or --jdbc-url");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Set<String> trusted = keys.isEmpty() ? null : keys;
        VerifyResult result;
        try {
            result = export != null ? verifyExport(Path.of(export), trusted) : verifyDatabase(url, user, password, trusted);
        } catch (IOException | SQLException | RuntimeException e) {
            err.println("cannot read the audit log: " + e.getMessage());
            return 2;
        }
        if (trusted == null) {
            err.println("note: checkpoint signatures were checked against the keys stored with them; pass --public-key to "
                    + "trust only the service's own key");
        }
        try {
            out.println(new ObjectMapper().writeValueAsString(result));
        } catch (IOException e) {
            err.println(e.getMessage());
            return 2;
        }
        return result.ok() ? 0 : 1;
    }

    static VerifyResult verifyDatabase(String url, String user, String password, Set<String> trusted) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setReadOnly(true);
            return AuditRows.verify(connection, trusted);
        }
    }

    static VerifyResult verifyExport(Path file, Set<String> trusted) throws IOException {
        NavigableMap<Long, Checkpoint> checkpoints = ExportFormat.checkpoints(file);
        long first;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var entries = ExportFormat.entries(reader);
            first = entries.hasNext() ? entries.next().sequence() : 0;
        }
        // a whole log, or a range that starts right after a checkpoint, is anchored; any other range within itself
        ChainVerifier.Anchor anchor = first <= 1 || checkpoints.containsKey(first - 1)
                ? ChainVerifier.Anchor.GENESIS_OR_CHECKPOINT : ChainVerifier.Anchor.FIRST_ENTRY;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new ChainVerifier(checkpoints, trusted, anchor).verify(ExportFormat.entries(reader));
        }
    }
}
