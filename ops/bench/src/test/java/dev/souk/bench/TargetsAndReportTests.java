package dev.souk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.souk.bench.BenchResult.Latency;
import dev.souk.bench.BenchResult.TargetCheck;
import dev.souk.bench.BenchResult.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsAndReportTests {

    private static Latency latency(String call, long ok, long failed, double p50, double p99) {
        return new Latency(call, ok + failed, ok, failed, 10, p50, p50 * 1.5, p99, p99 * 2, p50);
    }

    private static BenchResult.Reads reads(double directP50, double gatewayP50, double gatewayP99, long gatewayFailed) {
        Latency direct = latency("direct", 1000, 0, directP50, 2.0);
        Latency gateway = latency("gateway", 1000, gatewayFailed, gatewayP50, gatewayP99);
        return new BenchResult.Reads("/api/products/prod-1", 8, 20, direct, gateway,
                BenchResult.Overhead.between(direct, gateway), false, false);
    }

    private static BenchResult.Rate rate(double target, double achieved, double p99) {
        return new BenchResult.Rate(target, achieved, 20, 600, 600, 590, 10, true,
                latency("POST", 600, 0, 40, p99), latency("PUT", 600, 0, 30, 90), false, false);
    }

    private static BenchResult.Throughput throughput(double confirmedPerSecond, long confirmFailed) {
        return new BenchResult.Throughput(8, 20, 1500, 1400, 0, 75, confirmedPerSecond,
                latency("POST", 1500, 0, 50, 120), latency("PUT", 1400, confirmFailed, 40, 100), false, false,
                ProcessCpu.perOrder(Map.of("gateway", 1_000L, "integration-hub", 5_000L),
                        Map.of("gateway", 15_000L, "integration-hub", 40_000L), 1400));
    }

    private static Verdict verdict(List<TargetCheck> checks, String targetStart) {
        return checks.stream().filter(c -> c.target().startsWith(targetStart)).findFirst().orElseThrow().verdict();
    }

    @Test
    void figuresWithinTheBoundsPass() {
        List<TargetCheck> checks = Targets.evaluate(reads(1.0, 1.6, 8.0, 0), rate(30, 30, 140), throughput(61, 0));

        assertThat(checks).extracting(TargetCheck::verdict).containsOnly(Verdict.PASS).hasSize(4);
    }

    @Test
    void figuresOutsideTheBoundsMiss() {
        List<TargetCheck> checks = Targets.evaluate(reads(1.0, 2.0, 10.0, 0), rate(30, 30, 150), throughput(59.9, 0));

        assertThat(verdict(checks, "orders placed+confirmed")).isEqualTo(Verdict.MISS);
        assertThat(verdict(checks, "POST /api/orders p99")).isEqualTo(Verdict.MISS);
        assertThat(verdict(checks, "GET /api/products")).isEqualTo(Verdict.MISS);
        assertThat(verdict(checks, "gateway overhead")).isEqualTo(Verdict.MISS);
    }

    @Test
    void aFastFigureBuiltOnFailuresDoesNotPass() {
        List<TargetCheck> checks = Targets.evaluate(reads(1.0, 1.2, 3.0, 50), null, throughput(80, 100));

        assertThat(verdict(checks, "GET /api/products")).isEqualTo(Verdict.MISS);
        assertThat(verdict(checks, "orders placed+confirmed")).isEqualTo(Verdict.MISS);
        assertThat(checks).filteredOn(c -> c.verdict() == Verdict.MISS)
                .allSatisfy(c -> assertThat(c.note()).contains("of calls failed"));
    }

    @Test
    void phasesNotRunAreReportedAsSuch() {
        List<TargetCheck> checks = Targets.evaluate(null, null, null);

        assertThat(checks).extracting(TargetCheck::verdict).containsOnly(Verdict.NOT_RUN).hasSize(4);
    }

    @Test
    void theRateTargetSaysWhenItWasNotMeasuredAtThirtyPerSecond() {
        List<TargetCheck> checks = Targets.evaluate(null, rate(50, 50, 100), null);

        TargetCheck check = checks.stream().filter(c -> c.target().startsWith("POST")).findFirst().orElseThrow();
        assertThat(check.verdict()).isEqualTo(Verdict.PASS);
        assertThat(check.note()).contains("--rate 50/s");
    }

    @Test
    void reportShowsEveryPhaseErrorsAndTargetsAsTables() {
        BenchResult.Reads reads = reads(0.8, 1.25, 4.0, 0);
        BenchResult.Rate rate = rate(30, 29.9, 120);
        BenchResult.Throughput throughput = throughput(64.2, 0);
        BenchResult result = new BenchResult("2025-01-01T00:00:00Z", "java -jar ops/bench/target/bench.jar",
                new BenchResult.Machine(2, "17.0.9", "OpenJDK", "Linux", "amd64", 512),
                BenchResult.Settings.of(BenchOptions.defaults()), reads, rate, throughput,
                List.of(new BenchResult.ErrorCount("throughput", "POST /api/orders", "409 OUT_OF_STOCK", 7)),
                Targets.evaluate(reads, rate, throughput), List.of("something to know"), 12345, 80.5);

        String text = Report.render(result);

        assertThat(text)
                .contains("machine: 2 cores, Java 17.0.9")
                .contains("command: java -jar ops/bench/target/bench.jar")
                .contains("| direct product-service")
                .contains("| via gateway")
                .containsPattern("\\| gateway overhead \\(gateway - direct\\) \\|.*\\+0\\.45 \\|")
                .contains("target 30.0/s, sent 29.9/s")
                .contains("placed+confirmed 1400 (64.2/s)")
                .containsPattern("\\| throughput \\| POST /api/orders +\\| 409 OUT_OF_STOCK +\\| +7 \\|")
                .containsPattern("\\| orders placed\\+confirmed end to end >= 60/s +\\| +64\\.2/s \\| PASS")
                .containsPattern("\\| gateway overhead p50 < 1 ms +\\| +0\\.45 ms \\| PASS")
                .contains("note: something to know")
                // (40 000 - 5 000) ms of the hub over 1 400 orders; the processes' sum last
                .containsPattern("\\| integration-hub +\\| +35000 \\| +25\\.0 \\|")
                .containsPattern("\\| all +\\| +49000 \\| +35\\.0 \\|");
        // every table line has the same number of columns as its header
        text.lines().filter(line -> line.startsWith("| gateway overhead (gateway"))
                .forEach(line -> assertThat(line.chars().filter(c -> c == '|').count()).isEqualTo(10));
    }
}
