package dev.souk.gateway.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.souk.contracts.ProblemCodes;
import dev.souk.security.Caller;
import dev.souk.security.ProblemSecurityHandlers;

/**
 * Rate limits at the edge, after the token is checked: a signed-in caller is counted by user, anyone else by address;
 * register, login, refresh and the client-credentials grant are counted by address with a much smaller limit (password
 * guessing, account farming). Over the limit: 429 RATE_LIMITED with {@code Retry-After}. Only {@code /api/**} counts.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private static final Set<String> AUTH_ENDPOINTS = Set.of("/api/auth/register", "/api/auth/login", "/api/auth/refresh",
            "/api/auth/token");

    private final RateLimitProperties settings;
    private final ProblemSecurityHandlers problems;
    private final RateLimits callers;
    private final RateLimits signIns;
    private final RateLimits liveConnections;
    private final RateLimits.Limit userLimit;
    private final RateLimits.Limit ipLimit;
    private final RateLimits.Limit authLimit;

    RateLimitFilter(RateLimitProperties settings, ProblemSecurityHandlers problems) {
        this.settings = settings;
        this.problems = problems;
        this.userLimit = settings.userLimit();
        this.ipLimit = settings.ipLimit();
        this.authLimit = settings.authLimit();
        this.callers = new RateLimits(settings.maxKeys());
        this.signIns = new RateLimits(settings.maxKeys());
        this.liveConnections = new RateLimits(settings.maxKeys());
    }

    /**
     * Live notification connections stay open for minutes: opening one is counted apart from requests (by user, or by
     * address without a token), with the sign-in limit, so reconnects never eat into a customer's request budget.
     */
    private static final Set<String> LIVE_CONNECTIONS = Set.of("/api/notifications/stream", "/api/notifications/ws");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !settings.enabled() || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = System.nanoTime();
        String address = clientAddress(request);
        RateLimits.Decision decision;
        if (AUTH_ENDPOINTS.contains(request.getRequestURI())) {
            decision = signIns.take("ip:" + address, authLimit, now);
        } else if (LIVE_CONNECTIONS.contains(request.getRequestURI())) {
            decision = liveConnections.take(Caller.current().map(caller -> "user:" + caller.userId()).orElse("ip:" + address),
                    authLimit, now);
        } else {
            decision = Caller.current()
                    .map(caller -> callers.take("user:" + caller.userId(), userLimit, now))
                    .orElseGet(() -> callers.take("ip:" + address, ipLimit, now));
        }
        if (!decision.allowed()) {
            response.setHeader("Retry-After", String.valueOf(decision.retryAfterSeconds()));
            problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, ProblemCodes.RATE_LIMITED,
                    "Too many requests; retry in " + decision.retryAfterSeconds() + " s.");
            return;
        }
        response.setHeader("RateLimit-Remaining", String.valueOf(decision.remaining()));
        chain.doFilter(request, response);
    }

    private String clientAddress(HttpServletRequest request) {
        if (settings.trustForwardedFor()) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                // the proxy in front appends the address it saw last; earlier entries are whatever the client sent
                String[] hops = forwarded.split(",");
                return hops[hops.length - 1].strip();
            }
        }
        return request.getRemoteAddr();
    }
}
