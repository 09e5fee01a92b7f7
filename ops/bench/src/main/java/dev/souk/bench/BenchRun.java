package dev.souk.bench;

import dev.souk.bench.BenchOptions.Phase;
import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One benchmark run: pre-flight, the selected phases in order, then the result with errors and targets. */
final class BenchRun {

    private final BenchOptions options;
    private final String commandLine;
    private final PrintStream progress;
    private final long startNanos;
    private final long hardDeadlineNanos;
    private final List<String> notes = new ArrayList<>();
    private final List<BenchResult.ErrorCount> errors = new ArrayList<>();

    BenchRun(BenchOptions options, String commandLine, PrintStream progress, long startNanos) {
        this.options = options;
        this.commandLine = commandLine;
        this.progress = progress;
        this.startNanos = startNanos;
        this.hardDeadlineNanos = startNanos + options.hardLimit().toNanos();
    }

    long hardDeadlineNanos() {
        return hardDeadlineNanos;
    }

    BenchResult run() {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RequestBudget budget = new RequestBudget(options.maxRequests());
        BenchResult.Reads reads = null;
        BenchResult.Rate rate = null;
        BenchResult.Throughput throughput = null;
        try (BenchClient client = new BenchClient(options.requestTimeout(), hardDeadlineNanos, options.token())) {
            preflight(client, budget);
            int phasesLeft = options.phases().size();
            if (options.phases().contains(Phase.READS)) {
                announce(Phase.READS, "GET /api/products/" + options.productId() + " direct vs gateway, concurrency "
                        + options.concurrency());
                ReadsPhase phase = new ReadsPhase(client, options, budget.slice(budget.remaining() / phasesLeft--));
                reads = phase.run(hardDeadlineNanos);
                collect(Phase.READS, phase.calls());
                checkBounds(Phase.READS, reads.budgetExhausted(), reads.cutAtDeadline());
            }
            if (options.phases().contains(Phase.RATE) || options.phases().contains(Phase.THROUGHPUT)) {
                restock(client, budget);
            }
            if (options.phases().contains(Phase.RATE)) {
                announce(Phase.RATE, "POST /api/orders at " + Targets.fmt(options.rate()) + "/s"
                        + (options.confirmInRatePhase() ? " (each then confirmed)" : ""));
                RatePhase phase = new RatePhase(client, options, budget.slice(budget.remaining() / phasesLeft--));
                rate = phase.run(hardDeadlineNanos);
                collect(Phase.RATE, phase.calls());
                checkBounds(Phase.RATE, rate.budgetExhausted(), rate.cutAtDeadline());
            }
            if (options.phases().contains(Phase.THROUGHPUT)) {
                announce(Phase.THROUGHPUT, "place + confirm, closed loop, concurrency " + options.concurrency());
                ThroughputPhase phase = new ThroughputPhase(client, options, budget.slice(budget.remaining()));
                throughput = phase.run(hardDeadlineNanos);
                collect(Phase.THROUGHPUT, phase.calls());
                checkBounds(Phase.THROUGHPUT, throughput.budgetExhausted(), throughput.cutAtDeadline());
            }
        }
        double wallSeconds = CallStats.round((System.nanoTime() - startNanos) / 1e9);
        return new BenchResult(startedAt.toString(), commandLine, BenchResult.Machine.current(),
                BenchResult.Settings.of(options), reads, rate, throughput, List.copyOf(errors),
                Targets.evaluate(reads, rate, throughput), List.copyOf(notes), budget.used(), wallSeconds);
    }

    /** Fails fast when the gateway (or, for the reads phase, product-service) does not answer at all. */
    private void preflight(BenchClient client, RequestBudget budget) {
        String path = "/api/products/" + OrderCalls.pathSegment(options.productId());
        List<URI> targets = new ArrayList<>();
        targets.add(URI.create(options.baseUrl() + path));
        if (options.phases().contains(Phase.READS)) {
            targets.add(URI.create(options.productUrl() + path));
        }
        for (URI target : targets) {
            if (!budget.tryAcquire()) {
                throw new RunAborted("--max-requests is too small for the pre-flight check");
            }
            BenchClient.Response response = client.send(client.get(target));
            if (response.failure() != null) {
                throw new RunAborted("no answer from " + target + " (" + response.failure()
                        + "); start the stack first (see ops/bench/README.md)");
            }
            if (!response.is2xx()) {
                notes.add("pre-flight GET " + target + " answered " + response.failureKey());
            }
        }
    }

    private void restock(BenchClient client, RequestBudget budget) {
        if (options.restock() == 0 || !budget.tryAcquire()) {
            return;
        }
        URI stock = URI.create(options.baseUrl() + "/api/inventory/stock");
        progress.println("restock: PUT " + stock + " onHand=" + options.restock());
        BenchClient.Response response = client.send(client.put(stock, Map.of(
                "productId", options.productId(), "variantId", options.variantId(), "onHand", options.restock())));
        if (!response.is2xx()) {
            notes.add("restock PUT /api/inventory/stock failed: " + response.failureKey()
                    + " (orders may run out of stock)");
        }
    }

    private void announce(Phase phase, String what) {
        progress.println("phase " + phase.label() + ": " + what + "; warm-up " + Durations.format(options.warmup())
                + " + " + Durations.format(options.duration()) + " measured");
    }

    private void collect(Phase phase, List<CallStats> calls) {
        for (CallStats call : calls) {
            call.failuresByKey().forEach((key, count) ->
                    errors.add(new BenchResult.ErrorCount(phase.label(), call.name(), key, count)));
        }
    }

    private void checkBounds(Phase phase, boolean budgetExhausted, boolean cutAtDeadline) {
        if (budgetExhausted) {
            notes.add("phase " + phase.label() + " stopped early: its share of --max-requests " + options.maxRequests()
                    + " was used up");
        }
        if (cutAtDeadline) {
            notes.add("phase " + phase.label() + " was cut at the hard time limit " + Durations.format(options.hardLimit()));
        }
    }

    /** The run cannot start or continue in a meaningful way. */
    static final class RunAborted extends RuntimeException {
        RunAborted(String message) {
            super(message);
        }
    }
}
