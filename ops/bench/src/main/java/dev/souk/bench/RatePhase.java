package dev.souk.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Phase 2: orders placed at a fixed rate (open model). Each placement has an intended start time on a fixed
 * schedule and its latency is measured from that time, not from when it could actually be sent, so a stalled
 * server shows up in the percentiles instead of silently lowering the rate (no coordinated omission).
 * Each placed order is then confirmed (unless --rate-confirm false); confirm latency is measured from its send.
 */
final class RatePhase {

    /** More calls in flight than this means the stack is far behind; waiting for a slot counts as latency. */
    static final int MAX_IN_FLIGHT = 1024;

    private final BenchClient client;
    private final BenchOptions options;
    private final RequestBudget budget;
    private final OrderCalls orders;
    private final CallStats place = new CallStats("POST /api/orders (from scheduled time)");
    private final CallStats confirm = new CallStats("PUT /api/orders/{id}/confirm");
    private final LongAdder scheduled = new LongAdder();
    private final LongAdder placed = new LongAdder();
    private final LongAdder confirmed = new LongAdder();
    private final LongAdder accepted = new LongAdder();

    RatePhase(BenchClient client, BenchOptions options, RequestBudget budget) {
        this.client = client;
        this.options = options;
        this.budget = budget;
        this.orders = new OrderCalls(client, options);
    }

    BenchResult.Rate run(long deadlineNanos) {
        PhaseWindow window = PhaseWindow.startingNow(options.warmup(), options.duration());
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        double periodNanos = 1e9 / options.rate();
        long stoppedAt = window.end;
        boolean stoppedEarly = false;
        for (long i = 0; ; i++) {
            long intended = window.start + Math.round(i * periodNanos);
            if (intended >= window.end) {
                break;
            }
            if (!sleepUntil(intended) || !budget.tryAcquire() || !acquire(inFlight, 1, deadlineNanos)) {
                stoppedAt = System.nanoTime();
                stoppedEarly = true;
                break;
            }
            boolean measured = window.measured(intended);
            if (measured) {
                scheduled.increment();
            }
            client.sendAsync(orders.place())
                    .thenCompose(response -> afterPlace(response, intended, measured))
                    .whenComplete((ignored, failure) -> inFlight.release());
        }
        boolean drained = acquire(inFlight, MAX_IN_FLIGHT, deadlineNanos);
        double measuredSeconds = Math.max(0, Math.min(stoppedAt, window.end) - window.measureFrom) / 1e9;
        long sent = scheduled.sum();
        return new BenchResult.Rate(options.rate(), measuredSeconds > 0 ? CallStats.round(sent / measuredSeconds) : 0,
                CallStats.round(measuredSeconds), sent, placed.sum(), confirmed.sum(), accepted.sum(),
                options.confirmInRatePhase(), place.summary(measuredSeconds), confirm.summary(measuredSeconds),
                stoppedEarly && budget.exhausted(), !drained || (stoppedEarly && !budget.exhausted()));
    }

    List<CallStats> calls() {
        return List.of(place, confirm);
    }

    private CompletableFuture<Void> afterPlace(BenchClient.Response response, long intended, boolean measured) {
        long done = System.nanoTime();
        String orderId = OrderCalls.placedOrderId(response);
        if (measured) {
            if (orderId != null) {
                place.recordSuccess(done - intended);
                placed.increment();
            } else {
                place.recordFailure(OrderCalls.placeFailureKey(response));
            }
        }
        if (orderId == null || !options.confirmInRatePhase() || !budget.tryAcquire()) {
            return CompletableFuture.completedFuture(null);
        }
        long confirmStart = System.nanoTime();
        return client.sendAsync(orders.confirm(orderId)).thenAccept(confirmResponse -> {
            long confirmDone = System.nanoTime();
            if (!measured) {
                return;
            }
            switch (OrderCalls.confirmOutcome(confirmResponse)) {
                case CONFIRMED -> {
                    confirm.recordSuccess(confirmDone - confirmStart);
                    confirmed.increment();
                }
                case ACCEPTED -> {
                    confirm.recordSuccess(confirmDone - confirmStart);
                    accepted.increment();
                }
                default -> confirm.recordFailure(OrderCalls.confirmFailureKey(confirmResponse));
            }
        });
    }

    private static boolean sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    private static boolean acquire(Semaphore semaphore, int permits, long deadlineNanos) {
        try {
            return semaphore.tryAcquire(permits, PhaseWindow.nanosUntil(deadlineNanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
