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

/** One app of the stack running as its own JVM, with its output in {@code <data>/logs/<app>.log}. */
public final class AppProcess {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final AppSpec spec;
    private final Process process;
    private final Path logFile;

    private AppProcess(AppSpec spec, Process process, Path logFile) {
        this.spec = spec;
        this.process = process;
        this.logFile = logFile;
    }

    static AppProcess launch(AppSpec spec, Path jar, Path workingDir, Path logDir, Map<String, String> environment,
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
        command.addAll(jvmOptions(spec));
        command.addAll(cds != null ? cds.launchArguments(spec, jar) : List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        Files.writeString(logFile, "# " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
        return new AppProcess(spec, builder.start(), logFile);
    }

    static List<String> jvmOptions(AppSpec spec) {
        return List.of(
                "-Xms32m",
                "-Xmx" + spec.maxHeapMb() + "m",
                "-Xss512k",
                // startup speed and footprint over peak throughput: this is a developer's machine
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:ReservedCodeCacheSize=64m",
                "-XX:-UsePerfData",
                "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8",
                "-Dserver.port=" + spec.port(),
                "-Dspring.application.name=" + spec.name());
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public AppSpec spec() {
        return spec;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** True once {@code /actuator/health} answers 200 with status UP. */
    public boolean isHealthy() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(spec.healthUrl()))
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
