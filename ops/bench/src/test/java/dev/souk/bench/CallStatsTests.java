package dev.souk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallStatsTests {

    @Test
    void percentilesCoverSuccessfulCallsInMilliseconds() {
        CallStats stats = new CallStats("GET /x");
        for (int ms = 1; ms <= 100; ms++) {
            stats.recordSuccess(TimeUnit.MILLISECONDS.toNanos(ms));
        }
        stats.recordFailure("503 SERVICE_UNAVAILABLE");
        stats.recordFailure("503 SERVICE_UNAVAILABLE");
        stats.recordFailure("timeout");

        BenchResult.Latency summary = stats.summary(2.0);

        assertThat(summary.call()).isEqualTo("GET /x");
        assertThat(summary.count()).isEqualTo(103);
        assertThat(summary.ok()).isEqualTo(100);
        assertThat(summary.failed()).isEqualTo(3);
        assertThat(summary.perSecond()).isEqualTo(51.5);
        assertThat(summary.p50Ms()).isCloseTo(50, within(0.1));
        assertThat(summary.p95Ms()).isCloseTo(95, within(0.1));
        assertThat(summary.p99Ms()).isCloseTo(99, within(0.1));
        assertThat(summary.maxMs()).isCloseTo(100, within(0.1));
        assertThat(summary.meanMs()).isCloseTo(50.5, within(0.1));
        assertThat(summary.failureRatio()).isCloseTo(3 / 103.0, within(1e-9));
        assertThat(stats.failuresByKey()).containsExactly(
                java.util.Map.entry("503 SERVICE_UNAVAILABLE", 2L), java.util.Map.entry("timeout", 1L));
    }

    @Test
    void subMillisecondLatenciesKeepMicrosecondResolution() {
        CallStats stats = new CallStats("GET /fast");
        stats.recordSuccess(TimeUnit.MICROSECONDS.toNanos(250));
        stats.recordSuccess(TimeUnit.MICROSECONDS.toNanos(750));

        assertThat(stats.summary(1).p50Ms()).isCloseTo(0.25, within(0.001));
        assertThat(stats.summary(1).maxMs()).isCloseTo(0.75, within(0.001));
    }

    @Test
    void noSuccessesMeansNoPercentiles() {
        CallStats stats = new CallStats("POST /api/orders");
        stats.recordFailure("404 NOT_FOUND");

        BenchResult.Latency summary = stats.summary(1);

        assertThat(summary.count()).isEqualTo(1);
        assertThat(summary.p50Ms()).isNull();
        assertThat(summary.p99Ms()).isNull();
        assertThat(summary.failureRatio()).isEqualTo(1.0);
    }

    @Test
    void overheadIsGatewayMinusDirectPerPercentile() {
        BenchResult.Latency direct = new BenchResult.Latency("d", 10, 10, 0, 1, 1.0, 2.0, 3.0, 4.0, 1.5);
        BenchResult.Latency gateway = new BenchResult.Latency("g", 10, 10, 0, 1, 1.4, 2.9, 2.5, 5.0, 1.9);

        BenchResult.Overhead overhead = BenchResult.Overhead.between(direct, gateway);

        assertThat(overhead.p50Ms()).isCloseTo(0.4, within(1e-9));
        assertThat(overhead.p95Ms()).isCloseTo(0.9, within(1e-9));
        assertThat(overhead.p99Ms()).isCloseTo(-0.5, within(1e-9));
    }
}
