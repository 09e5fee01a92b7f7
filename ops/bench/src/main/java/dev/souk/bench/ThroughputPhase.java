package dev.souk.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/** Phase 3: closed loop, each worker places an order and confirms it, as fast as the stack answers. */
final class ThroughputPhase {

    private final BenchClient client;
    private final BenchOptions options;
    private final RequestBudget budget;
    private final OrderCalls orders;
    private final CallStats place = new CallStats("POST /api/orders");
    private final CallStats confirm = new CallStats("PUT /api/orders/{id}/confirm");
    private final LongAdder placed = new LongAdder();
    private final LongAdder confirmed = new LongAdder();
    private final LongAdder accepted = new LongAdder();

    ThroughputPhase(BenchClient client, BenchOptions options, RequestBudget budget) {
        this.client = client;
        this.options = options;
        this.budget = budget;
        this.orders = new OrderCalls(client, options);
    }

    BenchResult.Throughput run(long deadlineNanos) {
        PhaseWindow window = PhaseWindow.startingNow(options.warmup(), options.duration());
        // the stack's CPU counters when the measured part begins, read beside the workers
        CompletableFuture<Map<String, Long>> cpuAtStart = CompletableFuture.supplyAsync(() -> {
                    LockSupport.parkNanos(PhaseWindow.nanosUntil(window.measureFrom));
                    return ProcessCpu.snapshot();
                });
        boolean completed = Workers.runAll("bench-orders", options.concurrency(), worker -> {
            while (!window.over(System.nanoTime()) && !Thread.currentThread().isInterrupted()) {
                if (!placeAndConfirm(window)) {
                    return;
                }
            }
        }, deadlineNanos);
        double seconds = window.measuredSeconds();
        List<BenchResult.ProcessCost> cpu = ProcessCpu.perOrder(cpuAtStart.join(), ProcessCpu.snapshot(), confirmed.sum());
        return new BenchResult.Throughput(options.concurrency(), CallStats.round(seconds), placed.sum(), confirmed.sum(),
                accepted.sum(), perSecond(placed.sum(), seconds), perSecond(confirmed.sum(), seconds),
                place.summary(seconds), confirm.summary(seconds), budget.exhausted(), !completed, cpu);
    }

    List<CallStats> calls() {
        return List.of(place, confirm);
    }

    /** @return false once the request budget is spent */
    private boolean placeAndConfirm(PhaseWindow window) {
        if (!budget.tryAcquire()) {
            return false;
        }
        long started = System.nanoTime();
        BenchClient.Response response = client.send(orders.place());
        long placedAt = System.nanoTime();
        boolean measured = window.measured(started);
        String orderId = OrderCalls.placedOrderId(response);
        if (orderId == null) {
            if (measured) {
                place.recordFailure(OrderCalls.placeFailureKey(response));
                window.finished(placedAt);
            }
            return true;
        }
        if (measured) {
            place.recordSuccess(placedAt - started);
            placed.increment();
        }
        if (!budget.tryAcquire()) {
            return false;
        }
        long confirmStart = System.nanoTime();
        BenchClient.Response confirmResponse = client.send(orders.confirm(orderId));
        long confirmDone = System.nanoTime();
        if (measured) {
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
            window.finished(confirmDone);
        }
        return true;
    }

    private static double perSecond(long count, double seconds) {
        return seconds > 0 ? CallStats.round(count / seconds) : 0;
    }
}
