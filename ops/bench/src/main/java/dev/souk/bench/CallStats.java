package dev.souk.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies and failures of one call in one phase. Latency percentiles cover the calls that got a successful
 * (2xx) answer; every other outcome is counted under its status and problem code (or transport failure).
 * Thread-safe.
 */
final class CallStats {

    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final String name;
    private final ConcurrentHistogram micros = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    CallStats(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void recordSuccess(long latencyNanos) {
        long value = Math.max(1, TimeUnit.NANOSECONDS.toMicros(latencyNanos));
        micros.recordValue(Math.min(value, HIGHEST_MICROS));
    }

    void recordFailure(String key) {
        failures.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    long successes() {
        return micros.getTotalCount();
    }

    long failureCount() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Failures by key ("409 OUT_OF_STOCK", "503 SERVICE_UNAVAILABLE", "timeout", ...), most frequent first. */
    Map<String, Long> failuresByKey() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        failures.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue().sum()));
        return sorted;
    }

    double percentileMillis(double percentile) {
        Histogram copy = micros.copy();
        return copy.getTotalCount() == 0 ? Double.NaN : copy.getValueAtPercentile(percentile) / 1000.0;
    }

    BenchResult.Latency summary(double measuredSeconds) {
        Histogram copy = micros.copy();
        long ok = copy.getTotalCount();
        long failed = failureCount();
        double perSecond = measuredSeconds > 0 ? (ok + failed) / measuredSeconds : 0;
        if (ok == 0) {
            return new BenchResult.Latency(name, ok + failed, ok, failed, round(perSecond), null, null, null, null, null);
        }
        return new BenchResult.Latency(name, ok + failed, ok, failed, round(perSecond),
                ms(copy.getValueAtPercentile(50)), ms(copy.getValueAtPercentile(95)), ms(copy.getValueAtPercentile(99)),
                ms(copy.getMaxValue()), round(copy.getMean() / 1000.0));
    }

    private static Double ms(long micros) {
        return round(micros / 1000.0);
    }

    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
