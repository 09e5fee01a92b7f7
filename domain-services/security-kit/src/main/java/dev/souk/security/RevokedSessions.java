package dev.souk.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions the auth-service ended recently (logout, reused refresh token), filled by {@link RevokedSessionsFeed}.
 * As a token validator it refuses every access token whose {@code sid} claim names one of them; tokens without a
 * session (SERVICE tokens) are not concerned. It runs on every request, also for tokens the decoder remembers, so it is
 * one lookup in a concurrent map.
 *
 * <p>A session is kept until its {@code revokedUntil} plus the clock skew the token checks tolerate, because until then
 * one of its tokens can still pass the expiry check. At most {@code capacity} sessions are kept; when more are revoked
 * at once, the one whose tokens expire first is forgotten first.
 */
public final class RevokedSessions implements OAuth2TokenValidator<Jwt> {

    /** The access-token claim that names the session (the refresh-token family) a token belongs to. */
    public static final String SESSION_CLAIM = "sid";

    private static final Logger log = LoggerFactory.getLogger(RevokedSessions.class);
    private static final OAuth2Error REVOKED = new OAuth2Error("invalid_token", "The session of this token has ended", null);

    private final ConcurrentHashMap<String, Instant> keptUntil = new ConcurrentHashMap<>();
    private final int capacity;
    private final Duration clockSkew;
    private final Clock clock;
    private volatile boolean warnedFull;

    public RevokedSessions(int capacity, Duration clockSkew, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /** Refuses the tokens of {@code sessionId} until {@code revokedUntil} (plus the clock skew). */
    public void revoke(String sessionId, Instant revokedUntil) {
        Instant keep = revokedUntil.plus(clockSkew);
        if (!keep.isAfter(clock.instant())) {
            return;
        }
        if (keptUntil.size() >= capacity && !keptUntil.containsKey(sessionId)) {
            makeRoom();
        }
        keptUntil.merge(sessionId, keep, (a, b) -> a.isAfter(b) ? a : b);
    }

    public boolean isRevoked(String sessionId) {
        Instant keep = keptUntil.get(sessionId);
        return keep != null && clock.instant().isBefore(keep);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String sessionId = token.getClaimAsString(SESSION_CLAIM);
        return sessionId != null && isRevoked(sessionId)
                ? OAuth2TokenValidatorResult.failure(REVOKED)
                : OAuth2TokenValidatorResult.success();
    }

    /** Forgets the sessions whose tokens have all expired. */
    public void prune() {
        Instant now = clock.instant();
        keptUntil.values().removeIf(keep -> !keep.isAfter(now));
    }

    /** How many sessions are kept now. */
    public int size() {
        return keptUntil.size();
    }

    private synchronized void makeRoom() {
        prune();
        while (keptUntil.size() >= capacity) {
            keptUntil.entrySet().stream().min(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                    .ifPresent(first -> keptUntil.remove(first.getKey(), first.getValue()));
            if (!warnedFull) {
                warnedFull = true;
                log.warn("More than {} sessions were ended within an access-token lifetime; the ones closest to expiry "
                        + "are forgotten first (souk.security.revocations.capacity)", capacity);
            }
        }
    }
}
