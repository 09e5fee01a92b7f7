package dev.souk.bench;

import java.util.concurrent.atomic.AtomicLong;

/** Counts requests against the {@code --max-requests} safety bound; a phase gets a slice of the run's budget. */
final class RequestBudget {

    private final long limit;
    private final RequestBudget parent;
    private final AtomicLong granted = new AtomicLong();
    private volatile boolean exhausted;

    RequestBudget(long limit) {
        this(limit, null);
    }

    private RequestBudget(long limit, RequestBudget parent) {
        this.limit = limit;
        this.parent = parent;
    }

    RequestBudget slice(long sliceLimit) {
        return new RequestBudget(Math.min(sliceLimit, remaining()), this);
    }

    /** Takes one request from the budget; false once it is spent (and from then on). */
    boolean tryAcquire() {
        if (exhausted) {
            return false;
        }
        long next = granted.incrementAndGet();
        if (next > limit) {
            granted.decrementAndGet();
            exhausted = true;
            return false;
        }
        if (parent != null && !parent.tryAcquire()) {
            granted.decrementAndGet();
            exhausted = true;
            return false;
        }
        return true;
    }

    long used() {
        return granted.get();
    }

    long remaining() {
        return Math.max(0, limit - granted.get());
    }

    boolean exhausted() {
        return exhausted;
    }
}
