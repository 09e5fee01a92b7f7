package dev.souk.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How to run the stack. Built from the command line by {@link #parse(String[])} or in code (the system
 * tests) with the {@code with*} methods.
 */
public final class StackOptions {

    /** When to load the demo catalog. */
    public enum Demo { AUTO, ALWAYS, NEVER }

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "souk-local-admin";
    /** The shop administrator the auth-service creates on first start (same local password). */
    public static final String ADMIN_EMAIL = "admin@souk.dev";
    /** Password of the demo customers (demo@souk.dev is user-123), local only. */
    public static final String DEMO_CUSTOMER_PASSWORD = "souk-demo-customer";

    private Path repoRoot;
    private Path dataDir;
    private Set<String> only = Set.of();
    private Demo demo = Demo.AUTO;
    private boolean broker = true;
    private boolean classDataSharing = true;
    private boolean exitWithParent;
    private boolean isolated;
    private Path cdsDir;
    private Duration healthTimeout = Duration.ofSeconds(180);

    public static StackOptions defaults() {
        return new StackOptions();
    }

    public static StackOptions parse(String[] args) {
        StackOptions options = new StackOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i].trim();
            if (arg.isEmpty()) {
                continue;
            }
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (flag) {
                case "--demo" -> options.demo = Demo.ALWAYS;
                case "--no-demo" -> options.demo = Demo.NEVER;
                case "--no-broker" -> options.broker = false;
                case "--no-cds" -> options.classDataSharing = false;
                case "--exit-with-parent" -> options.exitWithParent = true;
                case "--isolated" -> options.isolated = true;
                case "--only" -> options.withOnly(split(value != null ? value : next(args, ++i, flag)));
                case "--data-dir" -> options.dataDir = Paths.get(value != null ? value : next(args, ++i, flag));
                case "--home" -> options.repoRoot = Paths.get(value != null ? value : next(args, ++i, flag));
                case "--timeout" -> options.healthTimeout =
                        Duration.ofSeconds(Long.parseLong(value != null ? value : next(args, ++i, flag)));
                case "-h", "--help" -> throw new UsageException(null);
                default -> throw new UsageException("unknown option: " + arg);
            }
        }
        return options;
    }

    public static String usage() {
        return """
                usage: java -jar ops/local-stack/target/local-stack.jar [options]
                  --demo            load the demo catalog (default: only when the catalog is empty)
                  --no-demo         never load the demo catalog
                  --only a,b        start only these apps (names or keys: registry,config,gateway,users,products,inventory,hub)
                  --data-dir DIR    databases, Kafka log and app logs (default: <repo>/data)
                  --home DIR        repository root (default: SOUK_HOME, else found from the working directory)
                  --timeout SEC     how long each app may take to become healthy (default 180)
                  --no-broker       do not start the in-process Kafka broker (use SOUK_KAFKA_BOOTSTRAP)
                  --no-cds          do not use class-data sharing archives for the apps
                  --isolated        every app in a JVM of its own, as in production (default: the domain
                                    services share one JVM, the services host, each still its own app)
                  --exit-with-parent  stop the stack when the process that started the launcher ends (used by mvn -Pstack)
                """;
    }

    public StackOptions withRepoRoot(Path repoRoot) {
        this.repoRoot = repoRoot;
        return this;
    }

    public StackOptions withDataDir(Path dataDir) {
        this.dataDir = dataDir;
        return this;
    }

    public StackOptions withOnly(Set<String> only) {
        this.only = Set.copyOf(only);
        return this;
    }

    public StackOptions withDemo(Demo demo) {
        this.demo = demo;
        return this;
    }

    public StackOptions withBroker(boolean broker) {
        this.broker = broker;
        return this;
    }

    public StackOptions withClassDataSharing(boolean classDataSharing) {
        this.classDataSharing = classDataSharing;
        return this;
    }

    /** Where the class-data sharing archives are kept (default {@code <data dir>/cds}); a cache, safe to delete. */
    public StackOptions withCdsDir(Path cdsDir) {
        this.cdsDir = cdsDir;
        return this;
    }

    public Path cdsDir() {
        return cdsDir != null ? cdsDir.toAbsolutePath().normalize() : dataDir().resolve("cds");
    }

    /** Every app in a JVM of its own (production's shape; what the fault tests use), instead of the services host. */
    public StackOptions withIsolated(boolean isolated) {
        this.isolated = isolated;
        return this;
    }

    public boolean isolated() {
        return isolated;
    }

    /** The JVMs to start for {@link #apps()}: the domain services together in the services host unless isolated. */
    public List<ProcessSpec> processes() {
        List<AppSpec> apps = apps();
        List<ProcessSpec> processes = new ArrayList<>();
        List<AppSpec> hosted = isolated ? List.of() : apps.stream().filter(AppSpec::hostable).toList();
        for (AppSpec app : apps) {
            if (!hosted.contains(app)) {
                processes.add(ProcessSpec.alone(app));
            } else if (app == hosted.get(0)) {
                processes.add(ProcessSpec.hosting(hosted));
            }
        }
        return processes;
    }

    public StackOptions withHealthTimeout(Duration healthTimeout) {
        this.healthTimeout = healthTimeout;
        return this;
    }

    public Path repoRoot() {
        if (repoRoot != null) {
            return repoRoot.toAbsolutePath().normalize();
        }
        return Optional.ofNullable(System.getProperty("souk.home"))
                .or(() -> Optional.ofNullable(System.getenv("SOUK_HOME")))
                .filter(home -> !home.isBlank())
                .map(home -> Paths.get(home).toAbsolutePath().normalize())
                .or(() -> findRepoRoot(Paths.get(System.getProperty("user.dir"))))
                .orElseThrow(() -> new UsageException(
                        "cannot find the Souk checkout (a directory containing ops/local-stack) above "
                                + System.getProperty("user.dir") + "; run from inside it or set SOUK_HOME"));
    }

    public Path dataDir() {
        return (dataDir != null ? dataDir : repoRoot().resolve("data")).toAbsolutePath().normalize();
    }

    public Demo demo() {
        return demo;
    }

    public boolean broker() {
        return broker;
    }

    public boolean classDataSharing() {
        return classDataSharing;
    }

    public boolean exitWithParent() {
        return exitWithParent;
    }

    public Duration healthTimeout() {
        return healthTimeout;
    }

    /** The apps to start, in startup order. */
    public List<AppSpec> apps() {
        List<AppSpec> all = AppSpec.stack();
        if (only.isEmpty()) {
            return all;
        }
        List<AppSpec> selected = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>(only);
        for (AppSpec app : all) {
            if (app.answersTo(only)) {
                selected.add(app);
                unknown.remove(app.name());
                unknown.remove(app.key());
            }
        }
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown app(s) in --only: " + String.join(",", unknown));
        }
        return selected;
    }

    static Optional<Path> findRepoRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("ops").resolve("local-stack"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Set<String> split(String csv) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : csv.split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names;
    }

    private static String next(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new UsageException(flag + " needs a value");
        }
        return args[i];
    }

    /** A command line the launcher cannot act on. */
    public static final class UsageException extends IllegalArgumentException {
        public UsageException(String message) {
            super(message);
        }
    }
}
