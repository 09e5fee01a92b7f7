package dev.souk.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the one way Souk checks an access token: the signature must be RS256 by a key of the JWK set (picked by
 * {@code kid}; an unknown kid makes the set be fetched again, rate-limited), so {@code alg: none} and HMAC tokens
 * signed with the public key are refused before any claim is read; then {@code iss}, {@code aud}, {@code exp} (which
 * must be present) and {@code nbf} are checked, {@code sub} must be present, and the token's session ({@code sid})
 * must not have ended ({@link RevokedSessions}).
 *
 * <p>Every failure to verify a token is a {@link BadJwtException}, also when the JWK set cannot be had (fetching it
 * again is rate-limited, or the auth-service does not answer): the caller gets 401, never 500, and a burst of tokens
 * with made-up kids makes the app fetch the set no more often than the rate limit allows.
 */
public final class AccessTokenDecoder {

    /** How long a verified token is taken without checking its signature again (its claims are checked every time). */
    static final Duration TRUST_VERIFIED_FOR = Duration.ofSeconds(60);
    /** How many verified tokens an app remembers at most. */
    static final int REMEMBERED_TOKENS = 2_000;

    private static final OAuth2TokenValidator<Jwt> NO_REVOCATIONS = jwt -> OAuth2TokenValidatorResult.success();
    private static final Duration KEY_TROUBLE_LOGGED_EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(AccessTokenDecoder.class);
    private static final AtomicLong lastKeyTrouble = new AtomicLong(System.nanoTime() - KEY_TROUBLE_LOGGED_EVERY.toNanos());

    private AccessTokenDecoder() {
    }

    /** A decoder over the auth-service's published keys. */
    public static JwtDecoder remote(SoukSecurityProperties properties) {
        return remote(properties, NO_REVOCATIONS);
    }

    /** A decoder over the auth-service's published keys that refuses the tokens of the {@code revoked} sessions. */
    public static JwtDecoder remote(SoukSecurityProperties properties, OAuth2TokenValidator<Jwt> revoked) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(properties.jwksUri().toURL()).retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("souk.security.jwks-uri is not a URL: " + properties.jwksUri(), e);
        }
        return over(keys, properties, revoked);
    }

    /** A decoder over the given keys (tests and the auth-service itself). */
    public static JwtDecoder over(JWKSource<SecurityContext> keys, SoukSecurityProperties properties) {
        return over(keys, properties, NO_REVOCATIONS);
    }

    /** A decoder over the given keys that refuses the tokens of the {@code revoked} sessions. */
    public static JwtDecoder over(JWKSource<SecurityContext> keys, SoukSecurityProperties properties,
                                  OAuth2TokenValidator<Jwt> revoked) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // claims are checked below, with the platform's skew and messages
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        OAuth2TokenValidator<Jwt> claims = validator(properties, revoked);
        decoder.setJwtValidator(claims);
        return new RememberingTokenDecoder(refusingWhatCannotBeVerified(decoder), claims, TRUST_VERIFIED_FOR,
                REMEMBERED_TOKENS, Clock.systemUTC());
    }

    static OAuth2TokenValidator<Jwt> validator(SoukSecurityProperties properties) {
        return validator(properties, NO_REVOCATIONS);
    }

    static OAuth2TokenValidator<Jwt> validator(SoukSecurityProperties properties, OAuth2TokenValidator<Jwt> revoked) {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                required(JwtClaimNames.EXP),
                required(JwtClaimNames.SUB),
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuer()),
                audience(properties.audience()),
                revoked));
    }

    /**
     * Spring reports a token it could not verify for want of keys as a plain {@link JwtException}, which becomes a
     * 500; here every such failure is a bad token. Why the keys were missing is logged, at most once a minute.
     */
    private static JwtDecoder refusingWhatCannotBeVerified(JwtDecoder decoder) {
        return token -> {
            try {
                return decoder.decode(token);
            } catch (BadJwtException refused) {
                throw refused;
            } catch (JwtException unverifiable) {
                long now = System.nanoTime();
                long last = lastKeyTrouble.get();
                if (now - last >= KEY_TROUBLE_LOGGED_EVERY.toNanos() && lastKeyTrouble.compareAndSet(last, now)) {
                    log.warn("A token was refused because its key could not be looked up: {}", unverifiable.getMessage());
                }
                throw new BadJwtException("The token cannot be verified: " + unverifiable.getMessage(), unverifiable);
            }
        };
    }

    private static OAuth2TokenValidator<Jwt> required(String claim) {
        return jwt -> jwt.hasClaim(claim)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(invalid("The token has no " + claim + " claim"));
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(invalid("The token is not meant for " + audience));
    }

    private static OAuth2Error invalid(String description) {
        return new OAuth2Error("invalid_token", description, null);
    }
}
