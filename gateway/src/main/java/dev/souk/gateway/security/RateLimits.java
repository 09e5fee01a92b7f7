package dev.souk.gateway.security;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token buckets, one per key (a user, an address), each refilled continuously: {@code capacity} requests per
 * {@code period}, a burst of up to {@code capacity}. Memory is bounded: buckets idle for a whole period are dropped
 * once there are more than {@code maxKeys}.
 */
final class RateLimits {

    /** {@code 100/10s}: 100 requests per 10 seconds. */
    record Limit(int capacity, Duration period) {

        private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*/\\s*(\\d*)\\s*(ms|s|m|h)");

        static Limit parse(String text) {
            Matcher m = FORMAT.matcher(text.strip());
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
                throw new IllegalArgumentException("A rate limit reads like 100/10s or 10/1m, not: " + text);
            }
            long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
            Duration period = switch (m.group(3)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            return new Limit(Integer.parseInt(m.group(1)), period);
        }

        double perNano() {
            return capacity / (double) period.toNanos();
        }
    }

    /** Whether a request may pass, how many more may follow at once, and when the next one may come. */
    record Decision(boolean allowed, long remaining, long retryAfterSeconds) {
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int maxKeys;

    RateLimits(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    Decision take(String key, Limit limit, long now) {
        if (buckets.size() > maxKeys) {
            evictIdle(limit, now);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.capacity(), now));
        synchronized (bucket) {
            bucket.tokens = Math.min(limit.capacity(), bucket.tokens + (now - bucket.updated) * limit.perNano());
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return new Decision(true, (long) bucket.tokens, 0);
            }
            long waitNanos = (long) Math.ceil((1 - bucket.tokens) / limit.perNano());
            return new Decision(false, 0, Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }
    }

    int size() {
        return buckets.size();
    }

    private void evictIdle(Limit limit, long now) {
        for (Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
            if (now - it.next().getValue().updated > limit.period().toNanos()) {
                it.remove();
            }
        }
    }
}
