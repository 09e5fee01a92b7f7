package dev.souk.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Everything a run measured; printed as a table and written as JSON. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BenchResult(
        String startedAt,
        String commandLine,
        Machine machine,
        Settings settings,
        Reads reads,
        Rate rate,
        Throughput throughput,
        List<ErrorCount> errors,
        List<TargetCheck> targets,
        List<String> notes,
        long requestsSent,
        double wallSeconds) {

    record Machine(int cores, String javaVersion, String javaVm, String os, String arch, long maxHeapMb) {

        static Machine current() {
            return new Machine(Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                            + " (" + System.getProperty("java.vendor") + ")",
                    System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("os.arch"),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    /** The options in effect (the token is never recorded). */
    record Settings(String baseUrl, String productUrl, List<String> phases, String duration, String warmup,
                    double rate, int concurrency, String user, String product, String variant, long restock,
                    long maxRequests, String timeout, boolean rateConfirm, String hardLimit) {

        static Settings of(BenchOptions options) {
            return new Settings(options.baseUrl().toString(), options.productUrl().toString(), options.phaseLabels(),
                    Durations.format(options.duration()), Durations.format(options.warmup()), options.rate(),
                    options.concurrency(), options.userId(), options.productId(), options.variantId(),
                    options.restock(), options.maxRequests(), Durations.format(options.requestTimeout()),
                    options.confirmInRatePhase(), Durations.format(options.hardLimit()));
        }
    }

    /** Latency of one call: count = ok + failed; percentiles (ms) over the ok calls, null when there were none. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Latency(String call, long count, long ok, long failed, double perSecond,
                   Double p50Ms, Double p95Ms, Double p99Ms, Double maxMs, Double meanMs) {

        double failureRatio() {
            return count == 0 ? 0 : (double) failed / count;
        }
    }

    /** Gateway minus direct, per percentile (ms). */
    record Overhead(Double p50Ms, Double p95Ms, Double p99Ms) {

        static Overhead between(Latency direct, Latency gateway) {
            return new Overhead(diff(direct.p50Ms(), gateway.p50Ms()), diff(direct.p95Ms(), gateway.p95Ms()),
                    diff(direct.p99Ms(), gateway.p99Ms()));
        }

        private static Double diff(Double direct, Double gateway) {
            return direct == null || gateway == null ? null : CallStats.round(gateway - direct);
        }
    }

    record Reads(String path, int concurrency, double measuredSeconds, Latency direct, Latency gateway,
                 Overhead overhead, boolean budgetExhausted, boolean cutAtDeadline) {
    }

    record Rate(double targetPerSecond, double achievedPerSecond, double measuredSeconds, long scheduled,
                long placed, long confirmed, long accepted, boolean confirmPlaced, Latency place, Latency confirm,
                boolean budgetExhausted, boolean cutAtDeadline) {
    }

    record Throughput(int concurrency, double measuredSeconds, long placed, long confirmed, long accepted,
                      double placedPerSecond, double confirmedPerSecond, Latency place, Latency confirm,
                      boolean budgetExhausted, boolean cutAtDeadline, List<ProcessCost> cpuPerOrder) {
    }

    /** CPU one process of the stack used during a measured phase, and per order placed and confirmed. */
    record ProcessCost(String process, long cpuMs, double cpuMsPerOrder) {
    }

    record ErrorCount(String phase, String call, String key, long count) {
    }

    record TargetCheck(String target, String measured, Verdict verdict, String note) {
    }

    enum Verdict { PASS, MISS, NOT_RUN }
}
