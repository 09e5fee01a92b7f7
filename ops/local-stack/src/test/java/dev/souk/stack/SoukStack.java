package dev.souk.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicReference;
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
            Running running = new Running(new AtomicReference<>(LocalStack.start(options)), options, dataDir);
            current = running;
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a test does to the stopped stack's data before it starts again. */
    @FunctionalInterface
    interface WhileStopped {
        void run(Path dataDir) throws Exception;
    }

    private static volatile Running current;

    /**
     * Stops the running stack, lets {@code whileStopped} work on its data directory, and starts it again on the same
     * data (for the restore drill); the test classes after it find the stack up as before.
     */
    static void restart(WhileStopped whileStopped) throws Exception {
        Running running = current;
        if (running == null) {
            throw new IllegalStateException("no stack is running: annotate the test class with @ExtendWith(SoukStack.class)");
        }
        running.stack().get().stop();
        whileStopped.run(running.dataDir());
        running.stack().set(LocalStack.start(running.options()));
    }

    /** Stopped by JUnit when the root context closes, after the last test class. */
    record Running(AtomicReference<LocalStack> stack, StackOptions options, Path dataDir)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws IOException {
            stack.get().stop();
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
