package dev.souk.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a process's resident set size from {@code /proc/<pid>/status} (Linux). */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static long residentBytes(long pid) {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            for (String line : status) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // process gone or not Linux
        }
        return 0;
    }
}
