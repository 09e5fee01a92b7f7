package dev.souk.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One JVM of the stack — an app alone, or the services host with several apps — with its output in
 * {@code <data>/logs/<process>.log} (the services host writes each service's own log beside it).
 */
public final class AppProcess {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ProcessSpec spec;
    private final Process process;
    private final Path logFile;

    private AppProcess(ProcessSpec spec, Process process, Path logFile) {
        this.spec = spec;
        this.process = process;
        this.logFile = logFile;
    }

    static AppProcess launch(ProcessSpec spec, boolean isolated, Path jar, Path workingDir, Path logDir, Map<String, String> environment,
                             ClassDataSharing cds) throws IOException {
        Path logFile = logDir.resolve(spec.name() + ".log");
        if (Files.exists(logFile)) {
            Files.move(logFile, logDir.resolve(spec.name() + ".previous.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        String java = javaBin();
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // a session of its own: Ctrl-C in the terminal reaches only the launcher, which then stops the
            // apps in reverse startup order instead of all of them dying at once
            command.add(SETSID.toString());
        }
        command.add(java);
        command.addAll(jvmOptions(spec, isolated));
        command.addAll(cds != null ? cds.launchArguments(spec, jar) : List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        builder.environment().putAll(spec.environment());
        builder.environment().put("SOUK_LOGS_DIR", logDir.toString());
        Files.writeString(logFile, "# " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
        return new AppProcess(spec, builder.start(), logFile);
    }

    /**
     * One flag set for every JVM of the stack: full tiered JIT (C1, then C2 for what runs hot — few JVMs make that
     * affordable; with --isolated, one JVM per app, C1 only), the serial collector (small heaps on two cores), a bounded
     * code cache. A JVM running one app is told
     * its name and port; the services host is not (a system property would apply to every service in it).
     */
    static List<String> jvmOptions(ProcessSpec spec, boolean isolated) {
        List<String> options = new ArrayList<>(List.of(
                "-Xms32m",
                "-Xmx" + spec.maxHeapMb() + "m",
                "-Xss512k",
                "-XX:+UseSerialGC",
                "-XX:ReservedCodeCacheSize=96m",
                "-XX:-UsePerfData",
                "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8",
                "-Dsouk.process=" + spec.name()));
        if (isolated) {
            // one JVM per app (the fault tests' shape): sixteen C2 compilers would crowd out everyone's start on two cores
            options.add("-XX:TieredStopAtLevel=1");
        }
        if (spec.single()) {
            AppSpec app = spec.apps().get(0);
            options.add("-Dserver.port=" + app.port());
            options.add("-Dspring.application.name=" + app.name());
        }
        return options;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public ProcessSpec spec() {
        return spec;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended, else "running". */
    public String exitCode() {
        return process.isAlive() ? "running" : String.valueOf(process.exitValue());
    }

    public Path logFile() {
        return logFile;
    }

    /** True once every app of the process answers {@code /actuator/health} with 200 and status UP. */
    public boolean isHealthy() {
        return spec.apps().stream().allMatch(AppProcess::isHealthy);
    }

    /** The apps of this process that do not answer healthy yet. */
    public List<AppSpec> unhealthyApps() {
        return spec.apps().stream().filter(app -> !isHealthy(app)).toList();
    }

    static boolean isHealthy(AppSpec app) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(app.healthUrl()))
                    .timeout(Duration.ofSeconds(3))
                    .header("Accept", "application/json")
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Resident set size of the app's JVM in bytes (0 once it has exited). */
    public long residentBytes() {
        return ProcessMemory.residentBytes(process.pid());
    }

    /** SIGTERM, wait for a clean exit (Spring's graceful shutdown), then kill. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of the app's log. */
    public String logTail(int lines) {
        Deque<String> tail = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(logFile, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (tail.size() == lines) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
        return String.join(System.lineSeparator(), tail);
    }
}
