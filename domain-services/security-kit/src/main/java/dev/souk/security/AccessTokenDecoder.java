package dev.souk.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Builds the one way Souk checks an access token: the signature must be RS256 by a key of the JWK set (picked by
 * {@code kid}; an unknown kid makes the set be fetched again, rate-limited), so {@code alg: none} and HMAC tokens
 * signed with the public key are refused before any claim is read; then {@code iss}, {@code aud}, {@code exp} (which
 * must be present) and {@code nbf} are checked, and {@code sub} must be present.
 */
public final class AccessTokenDecoder {

    /** How long a verified token is taken without checking its signature again (its claims are checked every time). */
    static final Duration TRUST_VERIFIED_FOR = Duration.ofSeconds(60);
    /** How many verified tokens an app remembers at most. */
    static final int REMEMBERED_TOKENS = 2_000;

    private AccessTokenDecoder() {
    }

    /** A decoder over the auth-service's published keys. */
    public static JwtDecoder remote(SoukSecurityProperties properties) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(properties.jwksUri().toURL()).retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("souk.security.jwks-uri is not a URL: " + properties.jwksUri(), e);
        }
        return over(keys, properties);
    }

    /** A decoder over the given keys (tests and the auth-service itself). */
    public static JwtDecoder over(JWKSource<SecurityContext> keys, SoukSecurityProperties properties) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // claims are checked below, with the platform's skew and messages
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        OAuth2TokenValidator<Jwt> claims = validator(properties);
        decoder.setJwtValidator(claims);
        return new RememberingTokenDecoder(decoder, claims, TRUST_VERIFIED_FOR, REMEMBERED_TOKENS, Clock.systemUTC());
    }

    static OAuth2TokenValidator<Jwt> validator(SoukSecurityProperties properties) {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                required(JwtClaimNames.EXP),
                required(JwtClaimNames.SUB),
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuer()),
                audience(properties.audience())));
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
