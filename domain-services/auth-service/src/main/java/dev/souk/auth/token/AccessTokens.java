package dev.souk.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.souk.auth.account.Account;
import dev.souk.security.RevokedSessions;
import dev.souk.security.Roles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs RS256 access tokens: sub (the user id), roles, iss, aud, iat, exp, jti, and the signing key's kid; a user's token
 * also names its session ({@code sid}, the refresh-token family), so every app can refuse it once the session ends.
 */
@Component
public class AccessTokens {

    private final SigningKeys keys;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;

    AccessTokens(SigningKeys keys,
                 @Value("${souk.auth.issuer:souk-auth}") String issuer,
                 @Value("${souk.auth.audience:souk}") String audience,
                 @Value("${souk.auth.access-ttl:15m}") Duration ttl,
                 Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    String sign(Account account, String sessionId) {
        return sign(claims(account.id(), account.roles())
                .claim("email", account.email())
                .claim(RevokedSessions.SESSION_CLAIM, sessionId)
                .build());
    }

    /** A SERVICE token for a client of the platform (the hub) or for this service's own calls. */
    public String signService(String clientId) {
        return sign(claims(clientId, List.of(Roles.SERVICE)).build());
    }

    private JWTClaimsSet.Builder claims(String subject, List<String> roles) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", roles);
    }

    private String sign(JWTClaimsSet claims) {
        SigningKeys.SigningKey key = keys.current();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token with key " + key.kid(), e);
        }
        return jwt.serialize();
    }
}
