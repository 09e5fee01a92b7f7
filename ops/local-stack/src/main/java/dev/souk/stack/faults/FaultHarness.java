package dev.souk.stack.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.souk.stack.LocalStack;
import dev.souk.stack.StackOptions;
import dev.souk.stack.faults.ShopClient.Answer;

/**
 * Breaks the running shop on purpose while customers buy, one fault at a time, and checks afterwards that nothing was
 * lost: every order accepted ends paid, cancelled or visibly waiting (for payment, for a retry, or on an incident in
 * Cockpit), no unit is sold twice, nobody is charged twice, every paid order ships. One table per run, the same as
 * JSON. It drives this machine's stack only (loopback), and every run is bounded in orders and time.
 *
 * <pre>
 *   java -jar ops/local-stack/target/local-stack.jar faults [--short] [--only HUB_KILLED,...] [--out DIR]
 * </pre>
 *
 * It starts its own stack with one JVM per app ({@code --isolated}), so one service can die alone, on fresh data under
 * {@code data/faults/}.
 */
public final class FaultHarness {

    private static final String PASSWORD = "fault harness buyer 1";

    /**
     * @param quick    each scenario once with a small load (what CI runs)
     * @param faults   the scenarios, in order
     * @param outDir   where the table and the JSON go
     */
    public record Options(boolean quick, List<Fault> faults, Path outDir) {

        int workers() {
            return quick ? 3 : 8;
        }

        Duration load() {
            return quick ? Duration.ofSeconds(15) : Duration.ofSeconds(60);
        }

        Duration settle() {
            return quick ? Duration.ofSeconds(120) : Duration.ofSeconds(240);
        }

        int buyers() {
            return quick ? 6 : 16;
        }

        int rushBuyers() {
            return quick ? 40 : 50;
        }

        static Options parse(String[] args) {
            boolean quick = false;
            List<Fault> faults = Fault.ALL;
            Path out = Path.of("data", "faults");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--short" -> quick = true;
                    case "--only" -> faults = java.util.Arrays.stream(args[++i].split(","))
                            .map(name -> Fault.valueOf(name.strip().toUpperCase(Locale.ROOT))).toList();
                    case "--out" -> out = Path.of(args[++i]);
                    default -> throw new StackOptions.UsageException("unknown fault harness option: " + args[i]
                            + " (use --short, --only NAME,..., --out DIR)");
                }
            }
            return new Options(quick, faults, out);
        }
    }

    private record Buyer(String email, String userId, String token) {
    }

    private final LocalStack stack;
    private final Options options;
    private final PrintStream out;
    private final ShopClient shop = new ShopClient();
    private final EventTopics topics = new EventTopics("localhost:" + LocalStack.KAFKA_PORT);
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    public FaultHarness(LocalStack stack, Options options, PrintStream out) {
        this.stack = stack;
        this.options = options;
        this.out = out;
    }

    /** {@code local-stack.jar faults …}: starts an isolated stack, runs the scenarios, prints the table. Exit 1 when a must-be-zero count is not. */
    public static int main(String[] args, StackOptions stackOptions) {
        Options options = Options.parse(args);
        // a stack of its own on fresh data: a developer's shop in ./data stays as it was
        Path data = stackOptions.repoRoot().resolve("data").resolve("faults");
        try (LocalStack stack = LocalStack.start(stackOptions.withIsolated(true).withDemo(StackOptions.Demo.ALWAYS)
                .withDataDir(data.resolve("stack-" + System.currentTimeMillis())).withCdsDir(data.resolve("cds"))
                .withHealthTimeout(Duration.ofMinutes(6)))) {
            List<ScenarioResult> results = new FaultHarness(stack, options, System.out).runAll();
            return results.stream().allMatch(ScenarioResult::clean) ? 0 : 1;
        }
    }

    /** Runs every scenario of the options and writes the report. */
    public List<ScenarioResult> runAll() {
        List<ScenarioResult> results = new ArrayList<>();
        out.printf("Fault harness: %d scenarios, %s run, %d buyers%n", options.faults().size(),
                options.quick() ? "short" : "full", options.buyers());
        for (Fault fault : options.faults()) {
            out.printf("  %s: %s%n", fault.name(), fault.description());
            ScenarioResult result = fault == Fault.LAST_UNITS_RUSH ? rush(fault) : underLoad(fault);
            out.println("    " + summary(result));
            results.add(result);
        }
        String table = FaultReport.table(results);
        out.println();
        out.println(table);
        write(results, table);
        return results;
    }

    /** Buyers shop steadily; a third of the way in, the fault strikes; then the shop must recover and settle. */
    private ScenarioResult underLoad(Fault fault) {
        String admin = shop.login(StackOptions.ADMIN_EMAIL, StackOptions.ADMIN_PASSWORD);
        String productId = "fh-" + run + "-" + fault.name().toLowerCase(Locale.ROOT).replace('_', '-');
        int units = 100_000;
        shop.newProduct(admin, productId, "v1", units);
        List<Buyer> buyers = buyers(options.buyers());
        Ledger ledger = new Ledger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService workers = Executors.newFixedThreadPool(options.workers());
        long begin = System.nanoTime();
        for (int w = 0; w < options.workers(); w++) {
            int worker = w;
            workers.submit(() -> {
                int turn = 0;
                while (!stop.get()) {
                    Buyer buyer = buyers.get((worker + turn++ * options.workers()) % buyers.size());
                    shopOnce(buyer, productId, 1, ledger, ThreadLocalRandom.current().nextInt(100) < 85);
                }
            });
        }
        sleep(options.load().dividedBy(3));
        try {
            fault.inject(stack, topics);
        } catch (Exception e) {
            out.println("    the fault could not be injected: " + e);
        }
        long faultOver = System.nanoTime();
        sleep(Duration.ofNanos(Math.max(0, begin + options.load().toNanos() - System.nanoTime())));
        stop.set(true);
        shutdown(workers);
        double recovery = recover(buyers.get(0), productId, ledger, faultOver);
        return settleAndAudit(fault, ledger, productId, units, recovery);
    }

    /** The last units: many buyers at once, each wanting one of the few left. */
    private ScenarioResult rush(Fault fault) {
        String admin = shop.login(StackOptions.ADMIN_EMAIL, StackOptions.ADMIN_PASSWORD);
        String productId = "fh-" + run + "-last-units";
        int units = 10;
        shop.newProduct(admin, productId, "v1", units);
        List<Buyer> buyers = buyers(options.rushBuyers());
        Ledger ledger = new Ledger();
        int attempts = 200;
        ExecutorService crowd = Executors.newFixedThreadPool(Math.min(attempts, 64));
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            Buyer buyer = buyers.get(i % buyers.size());
            all.add(CompletableFuture.runAsync(() -> shopOnce(buyer, productId, 1, ledger, true), crowd));
        }
        all.forEach(CompletableFuture::join);
        shutdown(crowd);
        return settleAndAudit(fault, ledger, productId, units, 0);
    }

    /** One buyer places an order and pays it (or cancels it), as a customer does; failures are the shop's answer. */
    private void shopOnce(Buyer buyer, String productId, int quantity, Ledger ledger, boolean pay) {
        Answer placed = shop.place(buyer.token(), productId, "v1", quantity);
        if (placed.status() != 201 && placed.status() != 202) {
            sleep(Duration.ofMillis(200));
            return;
        }
        String orderId = placed.body().path("id").asText();
        ledger.accepted(orderId, buyer.userId(), quantity, placed.status());
        if (placed.status() == 201) {
            if (pay) {
                shop.confirm(buyer.token(), orderId);
            } else {
                shop.cancel(buyer.token(), orderId);
            }
        }
    }

    /** Seconds from the end of the fault until an order is placed and paid again (and every app answers its health). */
    private double recover(Buyer buyer, String productId, Ledger ledger, long faultOver) {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            Answer placed = shop.place(buyer.token(), productId, "v1", 1);
            if (placed.status() == 201) {
                String orderId = placed.body().path("id").asText();
                ledger.accepted(orderId, buyer.userId(), 1, 201);
                if (shop.confirm(buyer.token(), orderId).status() == 200 && stack.healthy()) {
                    return (System.nanoTime() - faultOver) / 1e9;
                }
            }
            sleep(Duration.ofSeconds(1));
        }
        return -1;
    }

    private ScenarioResult settleAndAudit(Fault fault, Ledger ledger, String productId, int units, double recovery) {
        OrderAudit audit = new OrderAudit(shop, shop.login(StackOptions.ADMIN_EMAIL, StackOptions.ADMIN_PASSWORD));
        long deadline = System.nanoTime() + options.settle().toNanos();
        List<Ledger.Entry> entries = ledger.entries();
        while (System.nanoTime() < deadline && !audit.settled(entries)) {
            sleep(Duration.ofSeconds(3));
        }
        return audit.result(fault, entries, productId, "v1", units, Math.round(recovery * 10) / 10.0);
    }

    /** Customers for a scenario: registered once per run, signed in again for each scenario (tokens live 15 minutes). */
    private final List<Buyer> registered = new ArrayList<>();

    private synchronized List<Buyer> buyers(int count) {
        while (registered.size() < count) {
            String email = "buyer-" + run + "-" + registered.size() + "@faults.example";
            String token = shop.newCustomer(email, PASSWORD);
            registered.add(new Buyer(email, subject(token), token));
        }
        List<Buyer> fresh = new ArrayList<>();
        for (Buyer buyer : registered.subList(0, count)) {
            String token = shop.login(buyer.email(), PASSWORD);
            fresh.add(new Buyer(buyer.email(), buyer.userId(), token));
        }
        return fresh;
    }

    private static String subject(String token) {
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        try {
            return new ObjectMapper().readTree(claims).path("sub").asText();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable token", e);
        }
    }

    private static String summary(ScenarioResult r) {
        return String.format(Locale.ROOT, "%d started, %d paid, %d cancelled, %d waiting %s; stuck %d, oversold %d, "
                        + "double charges %d, delivery errors %d, notification errors %d; recovered in %s",
                r.started(), r.completed(), r.cancelled(), r.running(), r.reasons().isEmpty() ? "" : r.reasons(),
                r.stuck(), r.oversold(), r.doubleCharges(), r.deliveryErrors(), r.notificationErrors(),
                r.recoverySeconds() < 0 ? "never" : r.recoverySeconds() + " s");
    }

    private void write(List<ScenarioResult> results, String table) {
        try {
            Files.createDirectories(options.outDir());
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("at", Instant.now().toString());
            report.put("run", options.quick() ? "short" : "full");
            report.put("clean", results.stream().allMatch(ScenarioResult::clean));
            report.put("scenarios", results);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(options.outDir().resolve("faults-result.json").toFile(), report);
            Files.writeString(options.outDir().resolve("faults-table.md"), table);
            out.println("table and JSON: " + options.outDir().toAbsolutePath());
        } catch (IOException e) {
            out.println("could not write the report: " + e);
        }
    }

    private static void shutdown(ExecutorService pool) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
