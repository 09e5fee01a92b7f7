package dev.souk.bench;

import dev.souk.bench.BenchResult.Latency;
import dev.souk.bench.BenchResult.TargetCheck;
import dev.souk.bench.BenchResult.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The product's performance targets. A figure passes only when it meets the bound and at most
 * {@link #MAX_FAILURE_RATIO} of the calls behind it failed (fast errors must not pass for fast answers).
 */
final class Targets {

    static final double MIN_ORDERS_PER_SECOND = 60;
    static final double PLACE_P99_MS = 150;
    static final double TARGET_RATE = 30;
    static final double READ_P99_MS = 10;
    static final double OVERHEAD_P50_MS = 1;
    static final double MAX_FAILURE_RATIO = 0.01;

    private Targets() {
    }

    static List<TargetCheck> evaluate(BenchResult.Reads reads, BenchResult.Rate rate, BenchResult.Throughput throughput) {
        List<TargetCheck> checks = new ArrayList<>();
        String ordersTarget = "orders placed+confirmed end to end >= " + fmt(MIN_ORDERS_PER_SECOND) + "/s";
        if (throughput == null) {
            checks.add(notRun(ordersTarget, "throughput"));
        } else {
            double failures = Math.max(throughput.place().failureRatio(), throughput.confirm().failureRatio());
            checks.add(check(ordersTarget, fmt(throughput.confirmedPerSecond()) + "/s",
                    throughput.confirmedPerSecond() >= MIN_ORDERS_PER_SECOND, failures,
                    throughput.accepted() > 0 ? throughput.accepted() + " confirms answered 202 (not counted)" : null));
        }
        String placeTarget = "POST /api/orders p99 < " + fmt(PLACE_P99_MS) + " ms at " + fmt(TARGET_RATE) + " orders/s";
        if (rate == null) {
            checks.add(notRun(placeTarget, "rate"));
        } else {
            Double p99 = rate.place().p99Ms();
            String note = null;
            if (rate.targetPerSecond() != TARGET_RATE) {
                note = "measured at --rate " + fmt(rate.targetPerSecond()) + "/s, not " + fmt(TARGET_RATE) + "/s";
            } else if (rate.achievedPerSecond() < rate.targetPerSecond() * 0.95) {
                note = "only " + fmt(rate.achievedPerSecond()) + "/s were sent";
            }
            checks.add(check(placeTarget, ms(p99), p99 != null && p99 < PLACE_P99_MS, rate.place().failureRatio(), note));
        }
        String readTarget = "GET /api/products/{id} p99 < " + fmt(READ_P99_MS) + " ms (via gateway)";
        String overheadTarget = "gateway overhead p50 < " + fmt(OVERHEAD_P50_MS) + " ms";
        if (reads == null) {
            checks.add(notRun(readTarget, "reads"));
            checks.add(notRun(overheadTarget, "reads"));
        } else {
            Double p99 = reads.gateway().p99Ms();
            checks.add(check(readTarget, ms(p99), p99 != null && p99 < READ_P99_MS, reads.gateway().failureRatio(), null));
            Double overhead = reads.overhead().p50Ms();
            double failures = Math.max(reads.gateway().failureRatio(), reads.direct().failureRatio());
            checks.add(check(overheadTarget, ms(overhead), overhead != null && overhead < OVERHEAD_P50_MS, failures,
                    reads.direct().p50Ms() == null ? null
                            : "direct p50 " + ms(reads.direct().p50Ms()) + ", gateway p50 " + ms(reads.gateway().p50Ms())));
        }
        return checks;
    }

    private static TargetCheck check(String target, String measured, boolean met, double failureRatio, String note) {
        if (met && failureRatio > MAX_FAILURE_RATIO) {
            String failureNote = String.format(Locale.ROOT, "%.1f%% of calls failed", failureRatio * 100);
            return new TargetCheck(target, measured, Verdict.MISS, note == null ? failureNote : note + "; " + failureNote);
        }
        return new TargetCheck(target, measured, met ? Verdict.PASS : Verdict.MISS, note);
    }

    private static TargetCheck notRun(String target, String phase) {
        return new TargetCheck(target, "-", Verdict.NOT_RUN, "phase '" + phase + "' not run");
    }

    static String ms(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f ms", value);
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
