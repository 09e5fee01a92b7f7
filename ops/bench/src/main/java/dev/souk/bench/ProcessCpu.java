package dev.souk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of the stack's processes on this machine, read from {@code /proc} (Linux): every JVM the local stack
 * started (named by its {@code -Dspring.application.name}) and the launcher itself (the Kafka broker), so a phase can report CPU per order per process. Where
 * {@code /proc} is missing the snapshot is empty and the report leaves the table out.
 */
final class ProcessCpu {

    /** Clock ticks per second of /proc/[pid]/stat's utime and stime (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;
    private static final Path PROC = Path.of("/proc");

    private ProcessCpu() {
    }

    /** CPU milliseconds used so far, per Souk process name (several processes of one name are added up). */
    static Map<String, Long> snapshot() {
        Map<String, Long> cpu = new TreeMap<>();
        if (!Files.isDirectory(PROC)) {
            return cpu;
        }
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String name = soukProcessName(entry);
                long millis = name == null ? -1 : cpuMillis(entry);
                if (millis >= 0) {
                    cpu.merge(name, millis, Long::sum);
                }
            }
        } catch (IOException e) {
            return new TreeMap<>();
        }
        return cpu;
    }

    /** CPU ms per order of each process between two snapshots, the total last. */
    static List<BenchResult.ProcessCost> perOrder(Map<String, Long> before, Map<String, Long> after, long orders) {
        List<BenchResult.ProcessCost> costs = new ArrayList<>();
        if (orders <= 0 || after.isEmpty()) {
            return costs;
        }
        long total = 0;
        for (Map.Entry<String, Long> process : after.entrySet()) {
            long used = process.getValue() - before.getOrDefault(process.getKey(), 0L);
            if (used < 0) {
                continue; // restarted in between: its figure would mean nothing
            }
            total += used;
            costs.add(new BenchResult.ProcessCost(process.getKey(), used, CallStats.round((double) used / orders)));
        }
        costs.sort((a, b) -> Double.compare(b.cpuMsPerOrder(), a.cpuMsPerOrder()));
        costs.add(new BenchResult.ProcessCost("all", total, CallStats.round((double) total / orders)));
        return costs;
    }

    static String soukProcessName(Path procEntry) {
        try {
            String[] args = new String(Files.readAllBytes(procEntry.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
            if (args.length == 0 || !args[0].endsWith("java")) {
                return null;
            }
            // the launcher names each JVM it starts (an app, or the services host running several)
            for (String arg : args) {
                if (arg.startsWith("-Dsouk.process=")) {
                    return arg.substring("-Dsouk.process=".length());
                }
            }
            for (String arg : args) {
                if (arg.startsWith("-Dspring.application.name=")) {
                    return arg.substring("-Dspring.application.name=".length());
                }
            }
            // the launcher, which runs the Kafka broker in its own JVM
            for (int i = 0; i < args.length - 1; i++) {
                if (args[i].equals("-jar") && Path.of(args[i + 1]).getFileName().toString().equals("local-stack.jar")) {
                    return "local-stack (kafka)";
                }
            }
            return null;
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    private static long cpuMillis(Path procEntry) {
        try {
            String stat = Files.readString(procEntry.resolve("stat"), StandardCharsets.UTF_8);
            // the command name may contain spaces: the fields of interest follow its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }
}
