package dev.souk.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Entry point: {@code java -jar ops/bench/target/bench.jar --duration 20s}. Exit status 0 when the run completed,
 * 1 with {@code --fail-on-miss} and a missed target, 2 for bad options or an unreachable stack, 3 at the hard stop.
 */
public final class Bench {

    static final int EXIT_OK = 0;
    static final int EXIT_MISSED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_HARD_STOP = 3;

    private Bench() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, true));
    }

    /** Runs the benchmark; with {@code hardStop} a watchdog halts the JVM should the run overrun its time limit. */
    static int run(String[] args, PrintStream out, PrintStream err, boolean hardStop) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.HelpRequested help) {
            out.print(BenchOptions.USAGE);
            return EXIT_OK;
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            err.println("run with --help for the options");
            return EXIT_USAGE;
        }
        if (options.token() == null) {
            try {
                options = options.withToken(BenchLogin.accessToken(options.baseUrl(), options.loginEmail(), options.loginPassword()));
            } catch (IllegalArgumentException e) {
                err.println("bench: " + e.getMessage());
                return EXIT_USAGE;
            }
        }
        BenchRun run = new BenchRun(options, BenchOptions.describeCommandLine(args), err, System.nanoTime());
        if (hardStop) {
            startWatchdog(run.hardDeadlineNanos(), options, err);
        }
        BenchResult result;
        try {
            result = run.run();
        } catch (BenchRun.RunAborted e) {
            err.println("bench: " + e.getMessage());
            return EXIT_USAGE;
        }
        out.print(Report.render(result));
        Path file = options.out() != null ? options.out() : defaultOut();
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            BenchClient.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
            out.println("\nJSON: " + file.toAbsolutePath().normalize());
        } catch (IOException e) {
            err.println("bench: cannot write " + file + ": " + e.getMessage());
        }
        boolean missed = result.targets().stream().anyMatch(t -> t.verdict() == BenchResult.Verdict.MISS);
        return options.failOnMiss() && missed ? EXIT_MISSED : EXIT_OK;
    }

    /** {@code bench-result.json} next to {@code bench.jar}; from classes (IDE, tests) {@code ops/bench/target/}. */
    static Path defaultOut() {
        try {
            Path code = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = code.getParent(); // target/bench.jar or target/classes
            if (dir != null && dir.getFileName() != null && dir.getFileName().toString().equals("target")) {
                return dir.resolve("bench-result.json");
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the path relative to the repository root
        }
        return Path.of("ops/bench/target/bench-result.json");
    }

    private static void startWatchdog(long deadlineNanos, BenchOptions options, PrintStream err) {
        Thread watchdog = new Thread(() -> {
            long left;
            while ((left = deadlineNanos - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(left);
                } catch (InterruptedException e) {
                    return;
                }
            }
            err.println("bench: hard stop, the run exceeded " + Durations.format(options.hardLimit()));
            err.flush();
            Runtime.getRuntime().halt(EXIT_HARD_STOP);
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
