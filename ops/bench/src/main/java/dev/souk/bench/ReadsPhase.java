package dev.souk.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * Phase 1: the same product read straight from product-service and through the gateway, interleaved by every
 * worker (the order alternates per iteration and per worker) so both sides see the same load and concurrency.
 */
final class ReadsPhase {

    private final BenchClient client;
    private final BenchOptions options;
    private final RequestBudget budget;
    private final CallStats direct = new CallStats("GET /api/products/{id} direct (product-service)");
    private final CallStats gateway = new CallStats("GET /api/products/{id} via gateway");

    ReadsPhase(BenchClient client, BenchOptions options, RequestBudget budget) {
        this.client = client;
        this.options = options;
        this.budget = budget;
    }

    BenchResult.Reads run(long deadlineNanos) {
        String path = "/api/products/" + OrderCalls.pathSegment(options.productId());
        URI directUri = URI.create(options.productUrl() + path);
        URI gatewayUri = URI.create(options.baseUrl() + path);
        PhaseWindow window = PhaseWindow.startingNow(options.warmup(), options.duration());
        boolean completed = Workers.runAll("bench-reads", options.concurrency(), worker -> {
            boolean directFirst = worker % 2 == 0;
            while (!window.over(System.nanoTime()) && !Thread.currentThread().isInterrupted()) {
                for (int leg = 0; leg < 2; leg++) {
                    boolean toDirect = (leg == 0) == directFirst;
                    if (!read(toDirect ? directUri : gatewayUri, toDirect ? direct : gateway, window)) {
                        return;
                    }
                }
                directFirst = !directFirst;
            }
        }, deadlineNanos);
        BenchResult.Latency directSummary = direct.summary(window.measuredSeconds());
        BenchResult.Latency gatewaySummary = gateway.summary(window.measuredSeconds());
        return new BenchResult.Reads(path, options.concurrency(), CallStats.round(window.measuredSeconds()),
                directSummary, gatewaySummary, BenchResult.Overhead.between(directSummary, gatewaySummary),
                budget.exhausted(), !completed);
    }

    List<CallStats> calls() {
        return List.of(direct, gateway);
    }

    private boolean read(URI uri, CallStats stats, PhaseWindow window) {
        if (!budget.tryAcquire()) {
            return false;
        }
        HttpRequest request = client.get(uri);
        long started = System.nanoTime();
        BenchClient.Response response = client.send(request);
        long finished = System.nanoTime();
        if (window.measured(started)) {
            if (response.is2xx()) {
                stats.recordSuccess(finished - started);
            } else {
                stats.recordFailure(response.failureKey());
            }
            window.finished(finished);
        }
        return true;
    }
}
