package dev.souk.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the whole stack once for every system test (the same launcher and options path as
 * {@code java -jar ops/local-stack/target/local-stack.jar}), on a fresh data directory under {@code target/} with the
 * demo catalog, and stops it when the test run ends; its logs stay in {@code target/it-data/run-<time>/logs}.
 */
public final class SoukStack implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SoukStack.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("stack", key -> start(), Running.class);
    }

    private static Running start() {
        try {
            Path dataDir = Files.createDirectories(Path.of("target", "it-data")).resolve("run-" + System.currentTimeMillis());
            StackOptions options = StackOptions.defaults()
                    .withDataDir(dataDir)
                    .withDemo(StackOptions.Demo.ALWAYS)
                    // class-data sharing archives outlive the temporary data: later runs start faster
                    .withCdsDir(Path.of("target", "cds"))
                    .withHealthTimeout(Duration.ofMinutes(4));
            return new Running(LocalStack.start(options), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stopped by JUnit when the root context closes, after the last test class. */
    record Running(LocalStack stack, Path dataDir) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws IOException {
            stack.stop();
            // the data goes, the logs stay under target/ to read after a failed run
            Path logs = dataDir.resolve("logs");
            try (Stream<Path> paths = Files.walk(dataDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    if (!path.startsWith(logs) && !path.equals(dataDir)) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
    }
}
