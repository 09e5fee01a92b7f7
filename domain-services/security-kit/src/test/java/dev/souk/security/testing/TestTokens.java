package dev.souk.security.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.souk.security.Roles;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Access tokens for tests, signed by a key the app under test trusts ({@link #keys()} is its JWK set): valid ones for
 * any user and role, and every kind of bad one the platform must refuse.
 */
public final class TestTokens {

    public static final String ISSUER = "souk-auth";
    public static final String AUDIENCE = "souk";

    private static final RSAKey KEY = generate("test-key-1");
    private static final RSAKey OTHER_KEY = generate("test-key-1");
    private static final RSAKey UNKNOWN_KEY = generate("unknown-key");

    private TestTokens() {
    }

    /** The JWK set the app under test verifies with (public part of the signing key only). */
    public static JWKSource<SecurityContext> keys() {
        return new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK()));
    }

    /** The same set as JSON, for a stub JWKS endpoint. */
    public static String jwksJson() {
        return new JWKSet(KEY.toPublicJWK()).toString(true);
    }

    public static String customer(String userId) {
        return token(userId, List.of(Roles.CUSTOMER));
    }

    public static String admin() {
        return token("admin-1", List.of(Roles.ADMIN));
    }

    public static String service() {
        return token("integration-hub", List.of(Roles.SERVICE));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public static String token(String subject, List<String> roles) {
        return sign(KEY, claims(subject, roles).build());
    }

    /** A valid customer token with its claims changed by {@code change} before signing. */
    public static String with(UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(KEY, change.apply(claims("user-123", List.of(Roles.CUSTOMER))).build());
    }

    public static String expired() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        return with(c -> c.issueTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofMinutes(15)))));
    }

    public static String notYetValid() {
        return with(c -> c.notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(1)))));
    }

    public static String withoutExpiry() {
        return with(c -> c.expirationTime(null));
    }

    public static String wrongIssuer() {
        return with(c -> c.issuer("someone-else"));
    }

    public static String wrongAudience() {
        return with(c -> c.audience("another-shop"));
    }

    /** Signed by a different key that claims the trusted key's kid. */
    public static String badSignature() {
        return sign(OTHER_KEY, claims("user-123", List.of(Roles.CUSTOMER)).build());
    }

    /** Signed by a key whose kid the JWK set does not know. */
    public static String unknownKid() {
        return sign(UNKNOWN_KEY, claims("user-123", List.of(Roles.CUSTOMER)).build());
    }

    /** Signed by a key the JWK set does not know, under the made-up {@code kid}. */
    public static String unknownKid(String kid) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build(),
                    claims("user-123", List.of(Roles.CUSTOMER)).build());
            jwt.sign(new RSASSASigner(UNKNOWN_KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A customer token of the session {@code sessionId} (its {@code sid} claim, as the auth-service sets it). */
    public static String inSession(String userId, String sessionId) {
        return sign(KEY, claims(userId, List.of(Roles.CUSTOMER)).claim("sid", sessionId).build());
    }

    /** An unsigned token ({@code alg: none}) claiming ADMIN. */
    public static String algNone() {
        return new PlainJWT(claims("user-123", List.of(Roles.ADMIN)).build()).serialize();
    }

    /** HS256 with the trusted public key as the HMAC secret: the classic algorithm confusion. */
    public static String hmacWithPublicKey() {
        try {
            byte[] secret = KEY.toPublicJWK().toRSAPublicKey().getEncoded();
            byte[] padded = secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build(),
                    claims("user-123", List.of(Roles.ADMIN)).build());
            jwt.sign(new MACSigner(padded));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid customer token whose payload was then changed to claim ADMIN (the signature no longer matches). */
    public static String tampered() {
        String[] parts = customer("user-123").split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"CUSTOMER\"", "\"ADMIN\"");
        return parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
    }

    /** Every kind of token the platform must refuse with 401, by name (for parameterized tests). */
    public static java.util.Map<String, String> refused() {
        java.util.Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("expired", expired());
        tokens.put("not yet valid", notYetValid());
        tokens.put("without exp", withoutExpiry());
        tokens.put("wrong issuer", wrongIssuer());
        tokens.put("wrong audience", wrongAudience());
        tokens.put("bad signature", badSignature());
        tokens.put("unknown kid", unknownKid());
        tokens.put("alg none", algNone());
        tokens.put("HMAC with the public key", hmacWithPublicKey());
        tokens.put("tampered claims", tampered());
        return tokens;
    }

    private static JWTClaimsSet.Builder claims(String subject, List<String> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", roles);
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
