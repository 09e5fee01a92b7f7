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
 * Starts Souk on one machine: a Kafka broker in this JVM, then every app as its own JVM in the seed's
 * startup order (service registry, config server, then the gateway and the domain services together, then
 * the integration hub), waiting for each wave to report healthy; loads the demo catalog and prints where to
 * click. {@link #stop()} (also on Ctrl-C) stops the apps in reverse order and the broker last.
 *
 * <pre>
 *   java -jar ops/local-stack/target/local-stack.jar [--demo|--no-demo] [--only a,b] [--data-dir DIR]
 *   try (LocalStack stack = LocalStack.start(StackOptions.defaults().withDataDir(tmp))) { ... }
 * </pre>
 */
public final class LocalStack implements AutoCloseable {

    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;
    public static final URI GATEWAY = URI.create("http://localhost:8080");

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final StackOptions options;
    private final PrintStream out;
    private final List<List<AppProcess>> waves = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final String hubClientSecret = newSecret();
    private KafkaBroker broker;
    private volatile boolean stopping;
    private Duration startupTime;

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
        stack.watchApps();
        stack.awaitStop();
    }

    /** Starts everything; on failure stops what had started and throws {@link StackStartupException}. */
    public void run() {
        long begin = System.nanoTime();
        Path repoRoot = options.repoRoot();
        Path dataDir = options.dataDir();
        List<AppSpec> apps = options.apps();
        try {
            checkJarsExist(repoRoot, apps);
            checkPortsFree(apps);
            Path logDir = Files.createDirectories(dataDir.resolve("logs"));
            System.setProperty("souk.logs.dir", logDir.toString());
            out.printf("Starting Souk from %s (data in %s)%n", repoRoot, dataDir);

            CompletableFuture<Void> brokerStarted = options.broker()
                    ? CompletableFuture.runAsync(() -> startBroker(dataDir.resolve("kafka")))
                    : CompletableFuture.completedFuture(null);
            Map<String, String> environment = environment(repoRoot, dataDir);
            ClassDataSharing cds = options.classDataSharing()
                    ? new ClassDataSharing(options.cdsDir(), AppProcess.javaBin()) : null;

            for (List<AppSpec> wave : waves(apps)) {
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
        } catch (StackStartupException e) {
            stop();
            throw e;
        } catch (IOException | RuntimeException e) {
            stop();
            throw new StackStartupException(null, e.toString(), null);
        }
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

    private void startWave(List<AppSpec> wave, Path repoRoot, Path logDir, Map<String, String> environment,
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
        out.printf("  starting %s ...%n", wave.stream().map(AppSpec::name).collect(Collectors.joining(", ")));
        awaitHealthy(processes);
        out.printf("  %s up (%.1f s)%n", wave.stream().map(AppSpec::name).collect(Collectors.joining(", ")),
                (System.nanoTime() - begin) / 1e9);
    }

    private AppProcess launch(AppSpec app, Path repoRoot, Path logDir, Map<String, String> environment,
                              ClassDataSharing cds) {
        try {
            return AppProcess.launch(app, app.jar(repoRoot), repoRoot, logDir, environment, cds);
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
                throw new StackStartupException(slow.spec().name(),
                        slow.spec().name() + " was not healthy at " + slow.spec().healthUrl() + " within "
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

    /** Stops the apps in reverse startup order (each wave in parallel), then the broker. Idempotent. */
    public void stop() {
        List<List<AppProcess>> toStop;
        KafkaBroker kafka;
        synchronized (this) {
            if (stopping) {
                awaitStop();
                return;
            }
            stopping = true;
            toStop = new ArrayList<>(waves);
            kafka = broker;
        }
        try {
            for (int i = toStop.size() - 1; i >= 0; i--) {
                List<AppProcess> wave = toStop.get(i);
                List<CompletableFuture<Void>> stops = wave.stream()
                        .filter(AppProcess::isAlive)
                        .map(app -> CompletableFuture.runAsync(() -> {
                            out.printf("  stopping %s%n", app.spec().name());
                            app.stop(STOP_GRACE);
                        }))
                        .toList();
                stops.forEach(CompletableFuture::join);
            }
            if (kafka != null) {
                out.println("  stopping Kafka");
                kafka.close();
            }
        } finally {
            stopped.countDown();
        }
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

    public Optional<AppProcess> app(String name) {
        return apps().stream().filter(app -> app.spec().name().equals(name)).findFirst();
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
        Set<String> started = apps().stream().map(app -> app.spec().name()).collect(Collectors.toSet());
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
            for (AppProcess app : apps()) {
                if (app.spec().apiPath() != null && !app.spec().name().equals("integration-hub")) {
                    urls.put("Swagger UI " + app.spec().key(), GATEWAY + app.spec().apiPath() + "/swagger-ui/index.html");
                }
            }
        }
        if (broker != null) {
            urls.put("Kafka", broker.bootstrapServers());
        }
        return urls;
    }

    void printSummary() {
        out.println();
        out.printf(Locale.ROOT, "Souk is up in %.1f s: %d apps%s, %s resident%n", startupTime.toMillis() / 1000.0,
                apps().size(), broker != null ? " + Kafka" : "", gib(residentBytes()));
        urls().forEach((label, url) -> out.printf("  %-20s %s%n", label, url));
        out.printf("  %-20s %s%n", "Logs", options.dataDir().resolve("logs"));
        out.println();
        for (AppProcess app : apps()) {
            out.printf(Locale.ROOT, "  %-18s pid %-7d :%d  %s%n", app.spec().name(), app.pid(), app.spec().port(),
                    gib(app.residentBytes()));
        }
        out.printf(Locale.ROOT, "  %-18s pid %-7d       %s%n", "launcher+kafka", ProcessHandle.current().pid(),
                gib(ProcessMemory.residentBytes(ProcessHandle.current().pid())));
        out.println();
        out.println("Ctrl-C stops everything.");
    }

    /** Reports an app that exits while the stack runs (the rest keeps running). */
    private void watchApps() {
        Thread watcher = new Thread(() -> {
            Set<String> reported = new HashSet<>();
            while (stopped.getCount() > 0) {
                for (AppProcess app : apps()) {
                    if (!app.isAlive() && !stopping && reported.add(app.spec().name())) {
                        out.printf("%s exited; its log: %s%n", app.spec().name(), app.logFile());
                    }
                }
                sleep(Duration.ofSeconds(2));
            }
        }, "souk-stack-watcher");
        watcher.setDaemon(true);
        watcher.start();
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
        // a developer's machine: consoles and actuator endpoints need no sign-in (every other environment: the admin)
        env.put("SOUK_SECURITY_OPERATIONS_OPEN", "true");
        // one developer, the system tests and the benchmark all call from 127.0.0.1: generous limits, unless set
        env.put("SOUK_RATE_LIMIT_USER", System.getenv().getOrDefault("SOUK_RATE_LIMIT_USER", "20000/10s"));
        env.put("SOUK_RATE_LIMIT_IP", System.getenv().getOrDefault("SOUK_RATE_LIMIT_IP", "20000/10s"));
        env.put("SOUK_RATE_LIMIT_AUTH", System.getenv().getOrDefault("SOUK_RATE_LIMIT_AUTH", "600/1m"));
        // the hub's client credentials at the auth-service, new for every start
        env.put("SOUK_HUB_CLIENT_SECRET", hubClientSecret);
        env.put("SOUK_EUREKA_URL", "http://localhost:8761/eureka");
        env.put("SOUK_CONFIG_URL", "http://localhost:8888");
        if (options.broker()) {
            env.put("SOUK_KAFKA_BOOTSTRAP", "localhost:" + KAFKA_PORT);
        }
        return env;
    }

    /** Apps grouped into waves: an app starts once every (selected) app it depends on is healthy. */
    static List<List<AppSpec>> waves(List<AppSpec> apps) {
        Set<String> selected = apps.stream().map(AppSpec::name).collect(Collectors.toSet());
        Map<String, Integer> level = new HashMap<>();
        for (AppSpec app : apps) {
            int wave = app.dependsOn().stream()
                    .filter(selected::contains)
                    .mapToInt(dependency -> level.getOrDefault(dependency, 0) + 1)
                    .max().orElse(0);
            level.put(app.name(), wave);
        }
        int count = level.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<AppSpec>> waves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int wave = i;
            waves.add(apps.stream().filter(app -> level.get(app.name()) == wave).toList());
        }
        waves.removeIf(List::isEmpty);
        return waves;
    }

    private static void checkJarsExist(Path repoRoot, List<AppSpec> apps) {
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
