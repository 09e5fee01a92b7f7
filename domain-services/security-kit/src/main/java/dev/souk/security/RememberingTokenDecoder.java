package dev.souk.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Remembers tokens it has verified, so the same token sent again (a customer browsing, the hub's SERVICE token on
 * every call) skips parsing and the RSA check. Only exact token strings that passed every check are remembered, for
 * at most {@code trustFor}; each reuse runs the claim checks again, so an expired token, or one whose session has
 * ended, is refused at once, and a key withdrawn from the JWK set stops being trusted within {@code trustFor}. The
 * number of remembered tokens is bounded; when it is reached they are all forgotten and verified afresh.
 */
final class RememberingTokenDecoder implements JwtDecoder {

    private record Verified(Jwt jwt, Instant trustedUntil) {
    }

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> claims;
    private final Duration trustFor;
    private final int capacity;
    private final Clock clock;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    RememberingTokenDecoder(JwtDecoder verifier, OAuth2TokenValidator<Jwt> claims, Duration trustFor, int capacity, Clock clock) {
        this.verifier = verifier;
        this.claims = claims;
        this.trustFor = trustFor;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Verified known = token == null ? null : verified.get(token);
        if (known != null && now.isBefore(known.trustedUntil())) {
            OAuth2TokenValidatorResult result = claims.validate(known.jwt());
            if (!result.hasErrors()) {
                return known.jwt();
            }
            verified.remove(token, known);
            String reasons = result.getErrors().stream().map(e -> e.getDescription() == null ? e.getErrorCode() : e.getDescription())
                    .collect(Collectors.joining("; "));
            throw new JwtValidationException("The token is no longer valid: " + reasons, result.getErrors());
        }
        if (known != null) {
            verified.remove(token, known);
        }
        Jwt jwt = verifier.decode(token);
        if (verified.size() >= capacity) {
            verified.clear();
        }
        verified.put(token, new Verified(jwt, now.plus(trustFor)));
        return jwt;
    }

    /** How many tokens are remembered now. */
    int remembered() {
        return verified.size();
    }
}
