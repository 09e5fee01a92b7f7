package dev.souk.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human durations of the command line: {@code 20s}, {@code 500ms}, {@code 2m}, {@code 1m30s}, {@code 15}. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    static Duration parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (value.matches("\\d+(\\.\\d+)?")) {
            return ofSeconds(Double.parseDouble(value), text);
        }
        Matcher matcher = PART.matcher(value);
        long nanos = 0;
        int position = 0;
        while (matcher.find()) {
            if (matcher.start() != position) {
                throw invalid(text);
            }
            double amount = Double.parseDouble(matcher.group(1));
            double unitNanos = switch (matcher.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            nanos += Math.round(amount * unitNanos);
            position = matcher.end();
        }
        if (position == 0 || position != value.length()) {
            throw invalid(text);
        }
        return Duration.ofNanos(nanos);
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 == 0) {
            return (millis / 1000) + "s";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    private static Duration ofSeconds(double seconds, String text) {
        if (seconds < 0) {
            throw invalid(text);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 20s, 500ms, 2m, 1m30s)");
    }
}
