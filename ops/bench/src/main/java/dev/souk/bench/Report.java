package dev.souk.bench;

import dev.souk.bench.BenchResult.Latency;
import java.util.Locale;

/** Renders a {@link BenchResult} as the plain-text (markdown) report printed to stdout. */
final class Report {

    private Report() {
    }

    static String render(BenchResult result) {
        StringBuilder out = new StringBuilder();
        BenchResult.Machine machine = result.machine();
        BenchResult.Settings settings = result.settings();
        out.append("# Souk benchmark\n\n");
        out.append("command: ").append(result.commandLine()).append('\n');
        out.append("machine: ").append(machine.cores()).append(" cores, Java ").append(machine.javaVersion())
                .append(", ").append(machine.javaVm()).append(", ").append(machine.os()).append(' ')
                .append(machine.arch()).append(", max heap ").append(machine.maxHeapMb()).append(" MB\n");
        out.append("stack:   gateway ").append(settings.baseUrl()).append(", product-service ")
                .append(settings.productUrl()).append('\n');
        out.append("run:     started ").append(result.startedAt()).append(", wall ")
                .append(num(result.wallSeconds())).append(" s (hard limit ").append(settings.hardLimit())
                .append("), requests sent ").append(result.requestsSent()).append(" (max ")
                .append(settings.maxRequests()).append(")\n");

        if (result.reads() != null) {
            BenchResult.Reads reads = result.reads();
            out.append("\n## 1. Product reads, direct vs gateway (GET ").append(reads.path()).append(", interleaved, concurrency ")
                    .append(reads.concurrency()).append(", ").append(measured(settings, reads.measuredSeconds())).append(")\n\n");
            TextTable table = latencyTable();
            latencyRow(table, "direct product-service", reads.direct());
            latencyRow(table, "via gateway", reads.gateway());
            BenchResult.Overhead overhead = reads.overhead();
            table.row("gateway overhead (gateway - direct)", "", "", "", "", signed(overhead.p50Ms()),
                    signed(overhead.p95Ms()), signed(overhead.p99Ms()), "");
            out.append(table);
        }
        if (result.rate() != null) {
            BenchResult.Rate rate = result.rate();
            out.append("\n## 2. Fixed-rate order placement (open model, latency from scheduled time; target ")
                    .append(num(rate.targetPerSecond())).append("/s, sent ").append(num(rate.achievedPerSecond()))
                    .append("/s, ").append(measured(settings, rate.measuredSeconds())).append(")\n\n");
            TextTable table = latencyTable();
            latencyRow(table, "POST /api/orders", rate.place());
            if (rate.confirmPlaced()) {
                latencyRow(table, "PUT /api/orders/{id}/confirm", rate.confirm());
            }
            out.append(table);
            out.append("\nplaced ").append(rate.placed()).append(" of ").append(rate.scheduled()).append(" scheduled");
            if (rate.confirmPlaced()) {
                out.append(", confirmed ").append(rate.confirmed()).append(", accepted but not confirmed in time (202) ")
                        .append(rate.accepted());
            }
            out.append('\n');
        }
        if (result.throughput() != null) {
            BenchResult.Throughput throughput = result.throughput();
            out.append("\n## 3. Max throughput, place + confirm (closed loop, concurrency ").append(throughput.concurrency())
                    .append(", ").append(measured(settings, throughput.measuredSeconds())).append(")\n\n");
            TextTable table = latencyTable();
            latencyRow(table, "POST /api/orders", throughput.place());
            latencyRow(table, "PUT /api/orders/{id}/confirm", throughput.confirm());
            out.append(table);
            out.append("\norders placed ").append(throughput.placed()).append(" (").append(num(throughput.placedPerSecond()))
                    .append("/s), placed+confirmed ").append(throughput.confirmed()).append(" (")
                    .append(num(throughput.confirmedPerSecond())).append("/s), accepted but not confirmed in time (202) ")
                    .append(throughput.accepted()).append('\n');
            if (!throughput.cpuPerOrder().isEmpty()) {
                out.append("\nCPU of the stack's processes over the measured part, per order placed and confirmed\n\n");
                TextTable cpu = new TextTable("process", "CPU ms", "CPU ms per order").leftAligned(0);
                for (BenchResult.ProcessCost cost : throughput.cpuPerOrder()) {
                    cpu.row(cost.process(), String.valueOf(cost.cpuMs()), num(cost.cpuMsPerOrder()));
                }
                out.append(cpu);
            }
        }

        out.append("\n## Errors (measured calls, by status and problem code)\n\n");
        if (result.errors().isEmpty()) {
            out.append("none\n");
        } else {
            TextTable errors = new TextTable("phase", "call", "status / code", "count").leftAligned(1, 2);
            result.errors().forEach(e -> errors.row(e.phase(), e.call(), e.key(), e.count()));
            out.append(errors);
        }

        out.append("\n## Targets\n\n");
        TextTable targets = new TextTable("target", "measured", "result", "note").leftAligned(2, 3);
        result.targets().forEach(t -> targets.row(t.target(), t.measured(),
                t.verdict() == BenchResult.Verdict.NOT_RUN ? "n/a" : t.verdict().name(), t.note() == null ? "" : t.note()));
        out.append(targets);
        if (!result.notes().isEmpty()) {
            out.append('\n');
            result.notes().forEach(note -> out.append("note: ").append(note).append('\n'));
        }
        return out.toString();
    }

    private static TextTable latencyTable() {
        return new TextTable("call", "count", "failed", "req/s", "mean ms", "p50 ms", "p95 ms", "p99 ms", "max ms");
    }

    private static void latencyRow(TextTable table, String label, Latency latency) {
        table.row(label, latency.count(), latency.failed(), num(latency.perSecond()), ms(latency.meanMs()),
                ms(latency.p50Ms()), ms(latency.p95Ms()), ms(latency.p99Ms()), ms(latency.maxMs()));
    }

    private static String measured(BenchResult.Settings settings, double seconds) {
        return num(seconds) + " s measured after " + settings.warmup() + " warm-up";
    }

    private static String ms(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String signed(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%+.2f", value);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
