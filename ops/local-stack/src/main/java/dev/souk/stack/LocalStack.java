package dev.souk.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Starts Souk on one machine: a Kafka broker in this JVM, then the apps in the seed's startup order (service
 * registry, config server, then the gateway and the domain services together, then the integration hub), waiting
 * for each wave to report healthy; loads the demo catalog and prints where to click. The domain services share one
 * JVM, the services host (each still its own app); {@code --isolated} gives every app a JVM of its own.
 * {@link #stop()} (also on Ctrl-C) stops the apps in reverse order and the broker last.
 *
 * <pre>
 *   java -jar ops/local-stack/target/local-stack.jar [--demo|--no-demo] [--only a,b] [--isolated] [--data-dir DIR]
 *   try (LocalStack stack = LocalStack.start(StackOptions.defaults().withDataDir(tmp))) { ... }
 * </pre>
 */
public final class LocalStack implements AutoCloseable {

    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;
    public static final URI GATEWAY = URI.create("http://localhost:8080");

    /** How long an app may take to finish in-flight work when asked to stop, before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(12);
    /** The apps being restarted, for the gateway's service map (see {@link #writeStatus()}). */
    static final String STATUS_FILE = "stack-status";
    /** Stopped after the others, which sign off there as they stop. */
    private static final Set<String> PLATFORM = Set.of("service-registry", "config-server");
    private static final int LOG_TAIL_LINES = 40;

    private final StackOptions options;
    private final PrintStream out;
    private final List<List<AppProcess>> waves = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final String hubClientSecret = newSecret();
    private final String registryPassword = newSecret();
    private KafkaBroker broker;
    private MailCatcher mailCatcher;
    private volatile boolean stopping;
    private Duration startupTime;
    /** What a process needs to be launched again by the supervisor. */
    private volatile Launch launch;
    private final Set<String> restarting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, java.util.Deque<Long>> recentExits = new java.util.concurrent.ConcurrentHashMap<>();

    private record Launch(Path repoRoot, Path logDir, Map<String, String> environment, ClassDataSharing cds,
                          Path statusFile) {
    }

    public LocalStack(StackOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Starts the stack and returns once every app is healthy (and the demo catalog is loaded). */
    public static LocalStack start(StackOptions options) {
        return start(options, System.out);
    }

    public static LocalStack start(StackOptions options, PrintStream out) {
        LocalStack stack = new LocalStack(options, out);
        stack.run();
        return stack;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("restore")) {
            // java -jar local-stack.jar restore <backup id> [--data-dir DIR]: a backup back in place, stack stopped
            try {
                System.exit(Restore.main(java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
            } catch (StackOptions.UsageException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
            return;
        }
        if (args.length > 0 && args[0].equals("faults")) {
            // java -jar local-stack.jar faults [--short] [--only …] [--out DIR]: the fault harness on its own stack
            try {
                System.exit(dev.souk.stack.faults.FaultHarness.main(java.util.Arrays.copyOfRange(args, 1, args.length),
                        StackOptions.defaults()));
            } catch (StackOptions.UsageException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
            return;
        }
        StackOptions options;
        try {
            options = StackOptions.parse(args);
            options.repoRoot();
        } catch (StackOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(StackOptions.usage());
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        LocalStack stack = new LocalStack(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "souk-stack-shutdown"));
        if (options.exitWithParent()) {
            // e.g. under mvn -Pstack: when Maven is killed, take the stack down instead of leaving it orphaned
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        }
        try {
            stack.run();
        } catch (StackStartupException e) {
            System.err.println();
            System.err.println("Souk did not start: " + e.getMessage());
            if (e.logTail() != null) {
                System.err.println("---- last " + LOG_TAIL_LINES + " lines of the " + e.app() + " log ----");
                System.err.println(e.logTail());
                System.err.println("----");
            }
            System.exit(1);
            return;
        }
        stack.printSummary();
        stack.awaitStop();
    }

    /** Starts everything; on failure stops what had started and throws {@link StackStartupException}. */
    public void run() {
        long begin = System.nanoTime();
        Path repoRoot = options.repoRoot();
        Path dataDir = options.dataDir();
        List<AppSpec> apps = options.apps();
        List<ProcessSpec> processes = options.processes();
        try {
            checkJarsExist(repoRoot, processes);
            checkPortsFree(apps);
            Path logDir = Files.createDirectories(dataDir.resolve("logs"));
            System.setProperty("souk.logs.dir", logDir.toString());
            out.printf("Starting Souk from %s (data in %s)%n", repoRoot, dataDir);

            CompletableFuture<Void> brokerStarted = options.broker()
                    ? CompletableFuture.runAsync(() -> startBroker(dataDir.resolve("kafka")))
                    : CompletableFuture.completedFuture(null);
            Map<String, String> environment = environment(repoRoot, dataDir);
            startMailCatcher(dataDir.resolve("mail"), environment);
            ClassDataSharing cds = options.classDataSharing()
                    ? new ClassDataSharing(options.cdsDir(), AppProcess.javaBin()) : null;

            launch = new Launch(repoRoot, logDir, environment, cds, dataDir.resolve(STATUS_FILE));
            writeStatus();
            for (List<ProcessSpec> wave : waves(processes)) {
                if (!waves.isEmpty()) {
                    // the first wave (the registry) overlaps with the broker's start; the rest may need Kafka
                    awaitBroker(brokerStarted);
                }
                startWave(wave, repoRoot, logDir, environment, cds);
            }
            awaitBroker(brokerStarted);
            awaitGatewayRoutes(apps);
            loadDemoCatalog(apps);
            startupTime = Duration.ofNanos(System.nanoTime() - begin);
            supervise();
        } catch (StackStartupException e) {
            stop();
            throw e;
        } catch (IOException | RuntimeException e) {
            stop();
            throw new StackStartupException(null, e.toString(), null);
        }
    }

    /** Mail the apps send stays on this machine: caught in-process, kept under data/mail. */
    private void startMailCatcher(Path folder, Map<String, String> environment) throws IOException {
        MailCatcher catcher = new MailCatcher(folder);
        catcher.start();
        synchronized (this) {
            mailCatcher = catcher;
        }
        environment.put("SOUK_SMTP_URL", catcher.smtpUrl());
    }

    private void startBroker(Path logDir) {
        KafkaBroker kafka = new KafkaBroker(logDir, KAFKA_PORT, KAFKA_CONTROLLER_PORT);
        synchronized (this) {
            if (stopping) {
                return;
            }
            broker = kafka;
        }
        try {
            kafka.start();
        } catch (Exception e) {
            throw new StackStartupException("kafka", "the Kafka broker did not start: " + e,
                    tailOf(logDir.getParent().resolve("logs").resolve("kafka.log")));
        }
    }

    private void awaitBroker(CompletableFuture<Void> brokerStarted) {
        try {
            brokerStarted.get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StackStartupException startup) {
                throw startup;
            }
            throw new StackStartupException("kafka", "the Kafka broker did not start: " + e.getCause(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartupException(null, "interrupted", null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new StackStartupException("kafka", "the Kafka broker did not start within 2 minutes", null);
        }
    }

    private void startWave(List<ProcessSpec> wave, Path repoRoot, Path logDir, Map<String, String> environment,
                           ClassDataSharing cds) throws IOException {
        long begin = System.nanoTime();
        List<AppProcess> processes = new ArrayList<>();
        synchronized (this) {
            if (stopping) {
                throw new StackStartupException(null, "stopped while starting", null);
            }
            waves.add(processes);
            // launch in parallel: extraction for class-data sharing runs a short JVM per app on first use
            List<CompletableFuture<AppProcess>> launches = wave.stream()
                    .map(app -> CompletableFuture.supplyAsync(() -> launch(app, repoRoot, logDir, environment, cds)))
                    .toList();
            for (CompletableFuture<AppProcess> launch : launches) {
                try {
                    processes.add(launch.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StackStartupException(null, "interrupted", null);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof StackStartupException s ? s
                            : new StackStartupException(null, e.getCause().toString(), null);
                }
            }
        }
        out.printf("  starting %s ...%n", describe(wave));
        awaitHealthy(processes);
        out.printf("  %s up (%.1f s)%n", describe(wave), (System.nanoTime() - begin) / 1e9);
    }

    /** "gateway, services-host (auth-service, user-service, …)". */
    private static String describe(List<ProcessSpec> wave) {
        return wave.stream()
                .map(process -> process.single() ? process.name() : process.name() + " ("
                        + process.apps().stream().map(AppSpec::name).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining(", "));
    }

    private AppProcess launch(ProcessSpec app, Path repoRoot, Path logDir, Map<String, String> environment,
                              ClassDataSharing cds) {
        try {
            return AppProcess.launch(app, options.isolated(), app.jar(repoRoot), repoRoot, logDir, environment, cds);
        } catch (IOException e) {
            throw new StackStartupException(app.name(), "cannot start " + app.name() + ": " + e, null);
        }
    }

    private void awaitHealthy(List<AppProcess> processes) {
        long deadline = System.nanoTime() + options.healthTimeout().toNanos();
        Set<AppProcess> pending = new HashSet<>(processes);
        while (!pending.isEmpty()) {
            for (AppProcess app : List.copyOf(pending)) {
                if (stopped.getCount() == 0 || stopping) {
                    throw new StackStartupException(null, "stopped while starting", null);
                }
                if (!app.isAlive()) {
                    throw new StackStartupException(app.spec().name(),
                            app.spec().name() + " exited during startup (log: " + app.logFile() + ")",
                            app.logTail(LOG_TAIL_LINES));
                }
                if (app.isHealthy()) {
                    pending.remove(app);
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                AppProcess slow = pending.iterator().next();
                List<AppSpec> unhealthy = slow.unhealthyApps();
                AppSpec first = unhealthy.isEmpty() ? slow.spec().apps().get(0) : unhealthy.get(0);
                throw new StackStartupException(first.name(),
                        first.name() + " was not healthy at " + first.healthUrl() + " within "
                                + options.healthTimeout().toSeconds() + " s (log: " + slow.logFile() + ")",
                        slow.logTail(LOG_TAIL_LINES));
            }
            if (!pending.isEmpty()) {
                sleep(Duration.ofMillis(250));
            }
        }
    }

    /**
     * The gateway finds services through the registry; wait until it routes to every started service so
     * the first request of a user (or a test) does not meet a 503.
     */
    private void awaitGatewayRoutes(List<AppSpec> apps) {
        if (apps.stream().noneMatch(app -> app.name().equals("gateway"))) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (AppSpec app : apps) {
            if (app.apiPath() == null || app.name().equals("integration-hub")) {
                continue;
            }
            URI docs = GATEWAY.resolve(app.apiPath() + "/v3/api-docs");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int status = 0;
            while (System.nanoTime() < deadline) {
                try {
                    status = http.send(HttpRequest.newBuilder(docs).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    status = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (status == 200) {
                    break;
                }
                sleep(Duration.ofMillis(500));
            }
            if (status != 200) {
                out.printf("  warning: the gateway does not route %s yet (HTTP %d)%n", docs, status);
            }
        }
    }

    private void loadDemoCatalog(List<AppSpec> apps) {
        Set<String> started = apps.stream().map(AppSpec::name).collect(Collectors.toSet());
        boolean catalogServicesUp = started.containsAll(
                Set.of("gateway", "auth-service", "user-service", "product-service", "inventory-service"));
        if (options.demo() == StackOptions.Demo.NEVER || !catalogServicesUp) {
            if (options.demo() == StackOptions.Demo.ALWAYS) {
                out.println("  demo catalog skipped: it needs the gateway, auth, users, products and inventory");
            }
            return;
        }
        DemoCatalog demo = new DemoCatalog(GATEWAY, message -> out.println("  " + message));
        try {
            if (options.demo() == StackOptions.Demo.AUTO && !demo.catalogIsEmpty()) {
                return;
            }
            demo.load();
        } catch (IOException e) {
            throw new StackStartupException("gateway", "loading the demo catalog failed: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartupException(null, "interrupted", null);
        }
    }

    /**
     * Stops every app at once (the platform's registry and config server last, so the others can still sign off
     * there), then the broker, which the apps' clients need while they close. Idempotent.
     */
    public void stop() {
        List<List<AppProcess>> toStop;
        KafkaBroker kafka;
        boolean stoppedElsewhere;
        synchronized (this) {
            stoppedElsewhere = stopping;
            stopping = true;
            toStop = new ArrayList<>(waves);
            kafka = broker;
        }
        if (stoppedElsewhere) {
            // the first caller (Ctrl-C while a start fails, say) needs this monitor to finish: wait outside it
            awaitStop();
            return;
        }
        try {
            long begin = System.nanoTime();
            List<AppProcess> all = toStop.stream().flatMap(List::stream).toList();
            stopAll(all.stream().filter(app -> !PLATFORM.contains(app.spec().name())).toList());
            stopAll(all.stream().filter(app -> PLATFORM.contains(app.spec().name())).toList());
            if (kafka != null) {
                out.println("  stopping Kafka");
                long kafkaBegin = System.nanoTime();
                kafka.close();
                out.printf(Locale.ROOT, "  Kafka stopped (%.1f s)%n", (System.nanoTime() - kafkaBegin) / 1e9);
            }
            MailCatcher catcher;
            synchronized (this) {
                catcher = mailCatcher;
            }
            if (catcher != null) {
                catcher.close();
            }
            out.printf(Locale.ROOT, "  stopped in %.1f s%n", (System.nanoTime() - begin) / 1e9);
        } finally {
            stopped.countDown();
        }
    }

    private void stopAll(List<AppProcess> processes) {
        List<CompletableFuture<Void>> stops = processes.stream()
                .filter(AppProcess::isAlive)
                .map(app -> CompletableFuture.runAsync(() -> {
                    out.printf("  stopping %s%n", app.spec().name());
                    long begin = System.nanoTime();
                    app.stop(STOP_GRACE);
                    out.printf(Locale.ROOT, "  %s stopped (%.1f s)%n", app.spec().name(), (System.nanoTime() - begin) / 1e9);
                }))
                .toList();
        stops.forEach(CompletableFuture::join);
    }

    @Override
    public void close() {
        stop();
    }

    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The running apps in startup order. */
    public synchronized List<AppProcess> apps() {
        return waves.stream().flatMap(List::stream).toList();
    }

    // ---- faults: what the fault harness does to a running stack ----------------------------------------------

    /** Kills the JVM running {@code app} at once (SIGKILL); the supervisor starts it again. */
    public void kill(String app) {
        app(app).flatMap(process -> ProcessHandle.of(process.pid())).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** Freezes the JVM running {@code app} (SIGSTOP) for {@code duration}, then lets it go on (SIGCONT). */
    public void freeze(String app, Duration duration) {
        long pid = app(app).map(AppProcess::pid).orElseThrow(() -> new IllegalArgumentException(app + " is not running"));
        signal("STOP", pid);
        try {
            sleep(duration);
        } finally {
            signal("CONT", pid);
        }
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the Kafka broker, keeps it down for {@code down}, and starts it again on the same data. */
    public void restartBroker(Duration down) throws Exception {
        KafkaBroker old;
        synchronized (this) {
            old = broker;
        }
        if (old == null) {
            throw new IllegalStateException("this stack runs no broker of its own");
        }
        old.close();
        sleep(down);
        KafkaBroker fresh = new KafkaBroker(old.logDir(), KAFKA_PORT, KAFKA_CONTROLLER_PORT);
        fresh.start();
        synchronized (this) {
            broker = fresh;
        }
    }

    /** Whether every app of the stack answers its health check. */
    public boolean healthy() {
        return apps().stream().allMatch(process -> process.isAlive() && process.isHealthy());
    }

    /** The JVM running the app {@code name} (for a hosted service: the services host). */
    public Optional<AppProcess> app(String name) {
        return apps().stream().filter(app -> app.spec().runs(name)).findFirst();
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** Resident memory of the whole stack: every app's JVM plus this one (which hosts the broker). */
    public long residentBytes() {
        return ProcessMemory.residentBytes(ProcessHandle.current().pid())
                + apps().stream().mapToLong(AppProcess::residentBytes).sum();
    }

    /** Where to click, by label, for the apps that were started. */
    public Map<String, String> urls() {
        Set<String> started = runningApps().stream().map(AppSpec::name).collect(Collectors.toSet());
        Map<String, String> urls = new LinkedHashMap<>();
        if (started.contains("gateway")) {
            urls.put("Shop API", GATEWAY + "/api/products");
            urls.put("Service map", GATEWAY + "/");
        }
        if (started.contains("integration-hub")) {
            urls.put("Cockpit", "http://localhost:8090/camunda  (" + StackOptions.ADMIN_USER + " / "
                    + StackOptions.ADMIN_PASSWORD + ")");
            urls.put("Hawtio", "http://localhost:8090/actuator/hawtio");
        }
        if (started.contains("auth-service")) {
            urls.put("Shop admin login", GATEWAY + "/api/auth/login  (" + StackOptions.ADMIN_EMAIL + " / "
                    + StackOptions.ADMIN_PASSWORD + ")");
            urls.put("Demo customer login", GATEWAY + "/api/auth/login  (demo@souk.dev / "
                    + StackOptions.DEMO_CUSTOMER_PASSWORD + ", user-123)");
        }
        if (started.contains("service-registry")) {
            urls.put("Eureka", "http://localhost:8761/");
        }
        if (started.contains("config-server")) {
            urls.put("Config server", "http://localhost:8888/application/default");
        }
        if (started.contains("gateway")) {
            for (AppSpec app : runningApps()) {
                if (app.apiPath() != null && !app.name().equals("integration-hub")) {
                    urls.put("Swagger UI " + app.key(), GATEWAY + app.apiPath() + "/swagger-ui/index.html");
                }
            }
        }
        if (broker != null) {
            urls.put("Kafka", broker.bootstrapServers());
        }
        if (mailCatcher != null) {
            urls.put("Mails caught", mailCatcher.folder() + "  (.eml files; IMAP localhost:" + MailCatcher.IMAP_PORT + ")");
        }
        return urls;
    }

    /** Every app that was started, in startup order. */
    public List<AppSpec> runningApps() {
        return apps().stream().flatMap(process -> process.spec().apps().stream()).toList();
    }

    void printSummary() {
        out.println();
        out.printf(Locale.ROOT, "Souk is up in %.1f s: %d apps in %d JVMs%s, %s resident%n", startupTime.toMillis() / 1000.0,
                runningApps().size(), apps().size(), broker != null ? " + Kafka" : "", gib(residentBytes()));
        urls().forEach((label, url) -> out.printf("  %-20s %s%n", label, url));
        out.printf("  %-20s %s%n", "Logs", options.dataDir().resolve("logs"));
        out.println();
        for (AppProcess app : apps()) {
            String ports = app.spec().apps().stream().map(spec -> ":" + spec.port()).collect(Collectors.joining(" "));
            out.printf(Locale.ROOT, "  %-18s pid %-7d %-6s %s%n", app.spec().name(), app.pid(),
                    app.spec().single() ? ports : "", gib(app.residentBytes()));
            if (!app.spec().single()) {
                app.spec().apps().forEach(hosted -> out.printf(Locale.ROOT, "    %-18s :%d%n", hosted.name(), hosted.port()));
            }
        }
        out.printf(Locale.ROOT, "  %-18s pid %-7d       %s%n", "launcher+kafka", ProcessHandle.current().pid(),
                gib(ProcessMemory.residentBytes(ProcessHandle.current().pid())));
        out.println();
        out.println("Ctrl-C stops everything.");
    }

    /**
     * Keeps the apps running: a process that exits while the stack runs is started again after a back-off (1 s,
     * doubling with every exit in the last 10 minutes, at most 30 s). While it is down its apps are listed in the
     * status file the gateway's service map reads, so the map shows them as restarting.
     */
    private void supervise() {
        Thread supervisor = new Thread(() -> {
            while (stopped.getCount() > 0 && !stopping) {
                for (List<AppProcess> wave : waveSnapshot()) {
                    for (AppProcess app : wave) {
                        if (!app.isAlive() && !stopping && restarting.add(app.spec().name())) {
                            restartLater(app);
                        }
                    }
                }
                sleep(Duration.ofMillis(500));
            }
        }, "souk-stack-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    private synchronized List<List<AppProcess>> waveSnapshot() {
        return waves.stream().map(List::copyOf).toList();
    }

    private void restartLater(AppProcess dead) {
        ProcessSpec spec = dead.spec();
        long now = System.nanoTime();
        java.util.Deque<Long> exits = recentExits.computeIfAbsent(spec.name(), name -> new java.util.ArrayDeque<>());
        exits.removeIf(at -> now - at > Duration.ofMinutes(10).toNanos());
        exits.addLast(now);
        long delaySeconds = Math.min(30, 1L << Math.min(5, exits.size() - 1));
        out.printf("%s exited (code %s); restarting in %d s (log: %s)%n", spec.name(), dead.exitCode(), delaySeconds,
                dead.logFile());
        writeStatus();
        Thread restarter = new Thread(() -> {
            sleep(Duration.ofSeconds(delaySeconds));
            AppProcess fresh;
            synchronized (this) {
                if (stopping) {
                    return;
                }
                Launch how = launch;
                try {
                    fresh = AppProcess.launch(spec, options.isolated(), spec.jar(how.repoRoot()), how.repoRoot(), how.logDir(),
                            how.environment(), how.cds());
                } catch (IOException e) {
                    out.printf("%s could not be started again: %s%n", spec.name(), e.getMessage());
                    restarting.remove(spec.name());
                    return;
                }
                waves.forEach(wave -> wave.replaceAll(app -> app == dead ? fresh : app));
            }
            long deadline = System.nanoTime() + options.healthTimeout().toNanos();
            while (!stopping && fresh.isAlive() && !fresh.isHealthy() && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(500));
            }
            if (fresh.isAlive() && fresh.isHealthy()) {
                out.printf(Locale.ROOT, "%s is back (%.1f s after it exited)%n", spec.name(),
                        (System.nanoTime() - now) / 1e9);
            }
            // either back, or dead again: the supervisor notices the latter and backs off further
            restarting.remove(spec.name());
            writeStatus();
        }, "souk-restart-" + spec.name());
        restarter.setDaemon(true);
        restarter.start();
    }

    /**
     * The apps being restarted right now, one name per line, in {@code <data>/stack-status}: the gateway's service map
     * shows them as RESTARTING instead of DOWN ({@code SOUK_STACK_STATUS_FILE}).
     */
    private void writeStatus() {
        Launch how = launch;
        if (how == null) {
            return;
        }
        List<String> names = waveSnapshot().stream().flatMap(List::stream)
                .filter(app -> restarting.contains(app.spec().name()))
                .flatMap(app -> app.spec().apps().stream().map(AppSpec::name))
                .toList();
        try {
            Path temporary = how.statusFile().resolveSibling(STATUS_FILE + ".tmp");
            Files.write(temporary, names);
            Files.move(temporary, how.statusFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            out.printf("cannot write %s: %s%n", how.statusFile(), e.getMessage());
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Map<String, String> environment(Path repoRoot, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("SOUK_HOME", repoRoot.toString());
        env.put("SOUK_DATA_DIR", dataDir.toString());
        env.put("SOUK_CONFIG_DIR", repoRoot.resolve("ops").resolve("config").toString());
        env.put("SOUK_ADMIN_USER", StackOptions.ADMIN_USER);
        env.put("SOUK_ADMIN_PASSWORD", StackOptions.ADMIN_PASSWORD);
        env.put("SOUK_ADMIN_EMAIL", StackOptions.ADMIN_EMAIL);
        // a developer's machine: anyone may read consoles and actuator endpoints (changes stay the admin's); the apps
        // accept that only under the local profile, which every app gets here on top of the profiles asked for
        env.put("SPRING_PROFILES_ACTIVE", withLocalProfile(System.getenv("SPRING_PROFILES_ACTIVE")));
        env.put("SOUK_SECURITY_OPERATIONS_OPEN", "true");
        // one developer, the system tests and the benchmark all call from 127.0.0.1: generous limits, unless set
        env.put("SOUK_RATE_LIMIT_USER", System.getenv().getOrDefault("SOUK_RATE_LIMIT_USER", "20000/10s"));
        env.put("SOUK_RATE_LIMIT_IP", System.getenv().getOrDefault("SOUK_RATE_LIMIT_IP", "20000/10s"));
        env.put("SOUK_RATE_LIMIT_AUTH", System.getenv().getOrDefault("SOUK_RATE_LIMIT_AUTH", "600/1m"));
        env.put("SOUK_REGISTER_LIMIT_ATTEMPTS", System.getenv().getOrDefault("SOUK_REGISTER_LIMIT_ATTEMPTS", "10000"));
        // the hub's client credentials at the auth-service, new for every start
        env.put("SOUK_HUB_CLIENT_SECRET", hubClientSecret);
        env.put("SOUK_EUREKA_URL", "http://localhost:8761/eureka");
        // the apps' sign-in at the registry (user SOUK_REGISTRY_USER, default souk-app), new for every start
        env.put("SOUK_REGISTRY_PASSWORD", registryPassword);
        env.put("SOUK_CONFIG_URL", "http://localhost:8888");
        env.put("SOUK_STACK_STATUS_FILE", dataDir.resolve(STATUS_FILE).toString());
        // a developer's Ctrl-C: in-flight work gets a few seconds, not the production grace periods
        env.put("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", "5s");
        env.put("CAMEL_MAIN_SHUTDOWN_TIMEOUT", "5");
        if (options.broker()) {
            env.put("SOUK_KAFKA_BOOTSTRAP", "localhost:" + KAFKA_PORT);
        }
        return env;
    }

    /** The profiles the launcher was asked for (SPRING_PROFILES_ACTIVE, e.g. postgres) and {@code local}. */
    static String withLocalProfile(String requested) {
        Set<String> profiles = new LinkedHashSet<>();
        if (requested != null) {
            for (String profile : requested.split(",")) {
                if (!profile.isBlank()) {
                    profiles.add(profile.trim());
                }
            }
        }
        profiles.add("local");
        return String.join(",", profiles);
    }

    /**
     * Processes grouped into waves: a process starts once every (selected) app its apps depend on is healthy, so the
     * services host starts with the gateway, after the config server, and the hub after the services.
     */
    static List<List<ProcessSpec>> waves(List<ProcessSpec> processes) {
        Map<String, ProcessSpec> processOfApp = new HashMap<>();
        processes.forEach(process -> process.apps().forEach(app -> processOfApp.put(app.name(), process)));
        Map<String, Integer> level = new HashMap<>();
        for (ProcessSpec process : processes) {
            int wave = process.dependsOn().stream()
                    .map(processOfApp::get)
                    .filter(java.util.Objects::nonNull)
                    .mapToInt(dependency -> level.getOrDefault(dependency.name(), 0) + 1)
                    .max().orElse(0);
            level.put(process.name(), wave);
        }
        int count = level.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<ProcessSpec>> waves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int wave = i;
            waves.add(processes.stream().filter(process -> level.get(process.name()) == wave).toList());
        }
        waves.removeIf(List::isEmpty);
        return waves;
    }

    private static void checkJarsExist(Path repoRoot, List<ProcessSpec> apps) {
        List<String> missing = apps.stream()
                .map(app -> app.jar(repoRoot))
                .filter(jar -> !Files.isRegularFile(jar))
                .map(jar -> repoRoot.relativize(jar).toString())
                .toList();
        if (!missing.isEmpty()) {
            throw new StackStartupException(null, "not built yet: " + String.join(", ", missing)
                    + " (run ./mvnw -q -DskipTests package in " + repoRoot + ")", null);
        }
    }

    private void checkPortsFree(List<AppSpec> apps) {
        List<Integer> ports = new ArrayList<>();
        if (options.broker()) {
            ports.add(KAFKA_PORT);
            ports.add(KAFKA_CONTROLLER_PORT);
        }
        apps.forEach(app -> ports.add(app.port()));
        List<Integer> busy = ports.stream().filter(LocalStack::listening).toList();
        if (!busy.isEmpty()) {
            throw new StackStartupException(null, "port(s) already in use: " + busy
                    + " (is another Souk stack running?)", null);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tailOf(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return null;
        }
    }

    private static String gib(long bytes) {
        return bytes >= 1L << 30
                ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MiB", bytes >> 20);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
