package dev.souk.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Command-line options of the benchmark, validated (loopback hosts only, positive bounds). */
record BenchOptions(
        URI baseUrl,
        URI productUrl,
        Set<Phase> phases,
        Duration duration,
        Duration warmup,
        double rate,
        int concurrency,
        String userId,
        String productId,
        String variantId,
        long restock,
        long maxRequests,
        Duration requestTimeout,
        boolean confirmInRatePhase,
        Path out, // null: next to the jar
        String token,
        String loginEmail,
        String loginPassword,
        boolean failOnMiss) {

    /** The same options with the access token a login answered. */
    BenchOptions withToken(String accessToken) {
        return new BenchOptions(baseUrl, productUrl, phases, duration, warmup, rate, concurrency, userId, productId, variantId,
                restock, maxRequests, requestTimeout, confirmInRatePhase, out, accessToken, loginEmail, loginPassword, failOnMiss);
    }

    enum Phase {
        READS, RATE, THROUGHPUT;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final int MAX_CONCURRENCY = 512;
    static final double MAX_RATE = 5000;

    static final String USAGE = """
            Usage: java -jar ops/bench/target/bench.jar [options]

              --base-url URL        gateway (default http://127.0.0.1:8080); loopback hosts only
              --product-url URL     product-service direct (default http://127.0.0.1:8103); loopback only
              --phases LIST         comma list of reads,rate,throughput (default all three)
              --duration D          measured time per phase (default 20s; 500ms, 2m, 1m30s also work)
              --warmup D            warm-up per phase, not counted (default 5s)
              --rate N              orders per second of the fixed-rate phase (default 30)
              --concurrency N       workers of the reads and throughput phases (default 8)
              --user ID             ordering user (default user-123)
              --product ID          product ordered and read (default prod-1)
              --variant ID          variant ordered (default var-1)
              --restock N           set on-hand stock to N before the order phases; 0 skips (default 1000000)
              --max-requests N      safety bound on requests sent in the whole run (default 200000)
              --timeout D           per-request timeout (default 5s)
              --rate-confirm B      also confirm the orders placed by the rate phase (default true)
              --token JWT           send Authorization: Bearer JWT with every request (never printed)
              --login EMAIL:PASS    without --token, log in as this user first (default: the local stack's
                                    admin, admin@souk.dev; an admin may restock and order for --user)
              --out FILE            JSON result (default bench-result.json next to bench.jar, i.e. ops/bench/target/)
              --fail-on-miss        exit with status 1 when a target is missed
              --help                this text

            The run never exceeds the sum of its phases (warm-up + duration each) plus 60 s.
            """;

    static BenchOptions defaults() {
        return parse(new String[0]);
    }

    static BenchOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean failOnMiss = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("help")) {
                throw new HelpRequested();
            }
            if (name.equals("fail-on-miss")) {
                failOnMiss = value == null || Boolean.parseBoolean(value);
                continue;
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
        URI base = LoopbackGuard.requireLoopbackBase("--base-url", values.getOrDefault("base-url", "http://127.0.0.1:8080"));
        URI product = LoopbackGuard.requireLoopbackBase("--product-url", values.getOrDefault("product-url", "http://127.0.0.1:8103"));
        Duration duration = positive("duration", Durations.parse(values.getOrDefault("duration", "20s")));
        Duration warmup = Durations.parse(values.getOrDefault("warmup", "5s"));
        if (duration.compareTo(Duration.ofHours(1)) > 0 || warmup.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("--duration and --warmup are limited to 1h");
        }
        double rate = parseDouble("rate", values.getOrDefault("rate", "30"));
        if (!(rate > 0) || rate > MAX_RATE) {
            throw new IllegalArgumentException("--rate must be > 0 and <= " + (int) MAX_RATE);
        }
        int concurrency = (int) parseLong("concurrency", values.getOrDefault("concurrency", "8"));
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("--concurrency must be between 1 and " + MAX_CONCURRENCY);
        }
        long restock = parseLong("restock", values.getOrDefault("restock", "1000000"));
        if (restock < 0) {
            throw new IllegalArgumentException("--restock must be >= 0");
        }
        long maxRequests = parseLong("max-requests", values.getOrDefault("max-requests", "200000"));
        if (maxRequests < 1) {
            throw new IllegalArgumentException("--max-requests must be >= 1");
        }
        Duration timeout = positive("timeout", Durations.parse(values.getOrDefault("timeout", "5s")));
        String confirm = values.getOrDefault("rate-confirm", "true").toLowerCase(Locale.ROOT);
        if (!confirm.equals("true") && !confirm.equals("false")) {
            throw new IllegalArgumentException("--rate-confirm must be true or false");
        }
        String[] login = values.getOrDefault("login", BenchLogin.LOCAL_ADMIN_EMAIL + ":" + BenchLogin.LOCAL_ADMIN_PASSWORD)
                .split(":", 2);
        if (login.length != 2 || login[0].isBlank() || login[1].isEmpty()) {
            throw new IllegalArgumentException("--login must be EMAIL:PASSWORD");
        }
        return new BenchOptions(base, product, parsePhases(values.getOrDefault("phases", "reads,rate,throughput")),
                duration, warmup, rate, concurrency,
                nonBlank("user", values.getOrDefault("user", "user-123")),
                nonBlank("product", values.getOrDefault("product", "prod-1")),
                nonBlank("variant", values.getOrDefault("variant", "var-1")),
                restock, maxRequests, timeout, Boolean.parseBoolean(confirm),
                values.containsKey("out") ? Path.of(values.get("out")) : null,
                values.get("token"), login[0], login[1], failOnMiss);
    }

    /** Upper bound of the whole run: every selected phase (warm-up + duration) plus 60 s of slack. */
    Duration hardLimit() {
        Duration perPhase = warmup.plus(duration);
        return perPhase.multipliedBy(phases.size()).plusSeconds(60);
    }

    List<String> phaseLabels() {
        List<String> labels = new ArrayList<>();
        phases.forEach(phase -> labels.add(phase.label()));
        return labels;
    }

    /** The command line with the token masked, as printed in the report. */
    static String describeCommandLine(String[] args) {
        StringBuilder line = new StringBuilder("java -jar ops/bench/target/bench.jar");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--token=") || arg.startsWith("--login=")) {
                line.append(arg.startsWith("--token=") ? " --token=***" : " --login=***");
            } else if (i > 0 && (args[i - 1].equals("--token") || args[i - 1].equals("--login"))) {
                line.append(" ***");
            } else {
                line.append(' ').append(arg.matches("[\\w@%+=:,./-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
            }
        }
        return line.toString();
    }

    private static final Set<String> KNOWN = Set.of("base-url", "product-url", "phases", "duration", "warmup", "rate",
            "concurrency", "user", "product", "variant", "restock", "max-requests", "timeout", "rate-confirm", "out", "token", "login");

    private static Set<Phase> parsePhases(String text) {
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        for (String part : text.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                phases.add(Phase.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown phase '" + part.trim() + "' (use reads, rate, throughput)");
            }
        }
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("--phases names no phase");
        }
        return phases;
    }

    private static Duration positive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return value;
    }

    private static String nonBlank(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " must not be blank");
        }
        return value.trim();
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    private static double parseDouble(String name, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'");
        }
    }

    /** Thrown for {@code --help}: the caller prints {@link #USAGE}. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help", null, false, false);
        }
    }
}
