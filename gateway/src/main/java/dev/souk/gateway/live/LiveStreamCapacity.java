package dev.souk.gateway.live;

import dev.souk.gateway.GatewayProperties;
import dev.souk.gateway.problem.ProblemResponder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open stream holds one of the edge's worker threads for as long as it runs (the answer is relayed as it arrives),
 * so at most {@code souk.gateway.live.max-open-streams} streams are open at once and the other workers stay free for
 * requests; one more stream is answered 503 with Retry-After (the client's EventSource retries, or it uses the
 * WebSocket, which holds no worker). The number open is the {@code souk.gateway.live.streams.open} gauge.
 */
@Component
class LiveStreamCapacity extends OncePerRequestFilter {

    private final LiveConnectionProperties live;
    private final ProblemResponder problems;
    private final GatewayProperties gateway;
    private final AtomicInteger open = new AtomicInteger();

    LiveStreamCapacity(LiveConnectionProperties live, ProblemResponder problems, GatewayProperties gateway,
                       ObjectProvider<MeterRegistry> meters) {
        this.live = live;
        this.problems = problems;
        this.gateway = gateway;
        meters.ifAvailable(registry -> Gauge.builder("souk.gateway.live.streams.open", open, AtomicInteger::get)
                .description("Server-Sent Events streams open through the gateway").register(registry));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !live.streamPaths().contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (open.incrementAndGet() > live.maxOpenStreams()) {
            open.decrementAndGet();
            problems.serviceUnavailable(request, response, "gateway",
                    "too many live streams are open; retry, or use the WebSocket", gateway.getRetryAfterSeconds());
            return;
        }
        AtomicBoolean ended = new AtomicBoolean();
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        };
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Ending(end));
            } else {
                end.run();
            }
        }
    }

    private record Ending(Runnable end) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            end.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end.run();
        }

        @Override
        public void onError(AsyncEvent event) {
            end.run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
