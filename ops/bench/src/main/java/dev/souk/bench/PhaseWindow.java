package dev.souk.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Time line of one phase: warm-up from {@code start}, measured from {@code measureFrom} until {@code end}. */
final class PhaseWindow {

    final long start;
    final long measureFrom;
    final long end;
    private final AtomicLong lastMeasuredFinish = new AtomicLong();

    private PhaseWindow(long start, Duration warmup, Duration duration) {
        this.start = start;
        this.measureFrom = start + warmup.toNanos();
        this.end = measureFrom + duration.toNanos();
        this.lastMeasuredFinish.set(measureFrom);
    }

    static PhaseWindow startingNow(Duration warmup, Duration duration) {
        return new PhaseWindow(System.nanoTime(), warmup, duration);
    }

    boolean measured(long startedAt) {
        return startedAt >= measureFrom && startedAt < end;
    }

    boolean over(long now) {
        return now >= end;
    }

    /** Remembers when the last counted work item finished (may be after {@link #end} for calls in flight). */
    void finished(long at) {
        lastMeasuredFinish.accumulateAndGet(at, Math::max);
    }

    /** Measured wall time: from the end of the warm-up until the last counted work item finished. */
    double measuredSeconds() {
        return (lastMeasuredFinish.get() - measureFrom) / 1e9;
    }

    /** Nanoseconds until {@code deadline}, never negative. */
    static long nanosUntil(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
