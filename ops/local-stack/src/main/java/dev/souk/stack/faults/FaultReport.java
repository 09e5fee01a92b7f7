package dev.souk.stack.faults;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The fault harness's table: one row per scenario, the must-be-zero columns marked. */
final class FaultReport {

    private static final String[] HEADERS = {"scenario", "started", "paid", "cancelled", "waiting (why)",
            "stuck without incident (0)", "oversold units (0)", "double charges or refunds (0)",
            "lost or wrong deliveries (0)", "duplicated notifications (0)", "recovered after"};

    private FaultReport() {
    }

    static String table(List<ScenarioResult> results) {
        StringBuilder table = new StringBuilder();
        table.append("| ").append(String.join(" | ", HEADERS)).append(" |\n|");
        for (int i = 0; i < HEADERS.length; i++) {
            table.append(i == 0 || i == 4 ? " --- |" : " ---: |");
        }
        table.append('\n');
        for (ScenarioResult r : results) {
            String reasons = r.reasons().entrySet().stream()
                    .map(reason -> reason.getValue() + " " + reason.getKey())
                    .collect(Collectors.joining("; "));
            table.append("| ").append(r.scenario())
                    .append(" | ").append(r.started())
                    .append(" | ").append(r.completed())
                    .append(" | ").append(r.cancelled())
                    .append(" | ").append(r.running()).append(reasons.isEmpty() ? "" : " (" + reasons.replace("|", "/") + ")")
                    .append(" | ").append(mark(r.stuck()))
                    .append(" | ").append(mark(r.oversold()))
                    .append(" | ").append(mark(r.doubleCharges()))
                    .append(" | ").append(mark(r.deliveryErrors()))
                    .append(" | ").append(mark(r.notificationErrors()))
                    .append(" | ").append(r.recoverySeconds() < 0 ? "never" : r.recoverySeconds() == 0 ? "-"
                            : String.format(Locale.ROOT, "%.1f s", r.recoverySeconds()))
                    .append(" |\n");
        }
        boolean clean = results.stream().allMatch(ScenarioResult::clean);
        table.append('\n').append(clean ? "Every must-be-zero column is zero." : "NOT CLEAN: a must-be-zero column is not zero.")
                .append('\n');
        return table.toString();
    }

    private static String mark(int count) {
        return count == 0 ? "0" : "**" + count + "**";
    }
}
