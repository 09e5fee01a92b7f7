package dev.souk.auth.token;

import dev.souk.auth.account.Account;
import dev.souk.auth.account.Accounts;
import dev.souk.auth.throttle.LoginThrottle;
import dev.souk.auth.token.RefreshTokenStore.StoredToken;
import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.events.AuthEvents.SessionRevoked;
import dev.souk.contracts.events.SecurityEvents.RefreshTokenReused;
import dev.souk.contracts.events.SecurityEvents.SignInFailed;
import dev.souk.contracts.events.SecurityEvents.SignInSucceeded;
import dev.souk.kit.outbox.Outbox;
import dev.souk.kit.problem.ApiException;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions: a login starts a family of refresh tokens. Each refresh token can be used once; using it answers a new
 * access token and the family's next refresh token. A refresh token presented a second time means it leaked (or a
 * client raced itself): the whole family is revoked, so neither party can keep using it.
 *
 * <p>Concurrency: when one refresh token is presented several times at once, the row update that uses it up lets
 * exactly one request through; every other one is a reuse and revokes the family. The winner's new refresh token
 * therefore fails too: the session ends and the client logs in again. This is deliberately strict.
 *
 * <p>A session's access tokens carry its family id ({@code sid}). When a session ends (logout or reuse),
 * {@code SessionRevoked} goes out on auth-events with the session's end, so every app, this one included, refuses
 * those access tokens within seconds rather than when they expire.
 */
@Service
public class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Accounts accounts;
    private final AccessTokens accessTokens;
    private final RefreshTokenStore tokens;
    private final LoginThrottle throttle;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final Duration refreshTtl;
    private final Clock clock;

    Sessions(Accounts accounts, AccessTokens accessTokens, RefreshTokenStore tokens, LoginThrottle throttle, Outbox outbox,
             TransactionTemplate transaction, @Value("${souk.auth.refresh-ttl:14d}") Duration refreshTtl, Clock clock) {
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.tokens = tokens;
        this.throttle = throttle;
        this.outbox = outbox;
        this.transaction = transaction;
        this.refreshTtl = refreshTtl;
        this.clock = clock;
    }

    /** An access token and the refresh token that replaces it. */
    public record TokenPair(String userId, String accessToken, long expiresIn, String refreshToken) {
    }

    private enum Result { ISSUED, INVALID, REUSED }

    private record Outcome(Result result, String userId, String familyId, String refreshToken) {
    }

    /**
     * Checks the credentials and starts a session; 401 INVALID_CREDENTIALS otherwise, 429 LOGIN_THROTTLED (the password
     * unchecked) after too many failures for the email ({@link LoginThrottle}).
     */
    public TokenPair login(String email, String password) {
        String normalised = Accounts.normalise(email);
        throttle.attempt(normalised);
        Account account;
        try {
            account = accounts.authenticate(normalised, password);
        } catch (ApiException refused) {
            // the audit log learns of every checked and refused sign-in (throttled attempts are not checked at all)
            transaction.executeWithoutResult(status ->
                    outbox.record(new SignInFailed(normalised, refused.code(), MDC.get("traceId"))));
            throw refused;
        }
        throttle.succeeded(normalised);
        String refreshToken = newToken();
        String familyId = "fam-" + UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            tokens.createFamily(familyId, account.id(), now);
            tokens.insert(hash(refreshToken), familyId, now.plus(refreshTtl), now);
            outbox.record(new SignInSucceeded(account.id(), account.email(), familyId, MDC.get("traceId")));
        });
        return pair(account, familyId, refreshToken);
    }

    /**
     * Uses the refresh token up and answers a new pair. 401 INVALID_REFRESH_TOKEN when it is unknown, expired or
     * revoked; 401 REFRESH_TOKEN_REUSED (and the family revoked) when it was used before.
     */
    public TokenPair refresh(String refreshToken) {
        Outcome outcome = transaction.execute(status -> {
            Instant now = clock.instant();
            Optional<StoredToken> found = tokens.find(hash(refreshToken));
            if (found.isEmpty()) {
                return new Outcome(Result.INVALID, null, null, null);
            }
            StoredToken token = found.get();
            // a used token is reuse whatever the family's state: the answer stays the same for every late copy
            if (token.usedAt() != null) {
                reused(token, now);
                return new Outcome(Result.REUSED, token.userId(), token.familyId(), null);
            }
            if (token.familyRevoked() || !token.expiresAt().isAfter(now)) {
                return new Outcome(Result.INVALID, null, null, null);
            }
            if (!tokens.markUsed(token.tokenHash(), now)) {
                reused(token, now);
                return new Outcome(Result.REUSED, token.userId(), token.familyId(), null);
            }
            if (tokens.isRevoked(token.familyId())) {
                return new Outcome(Result.INVALID, null, null, null);
            }
            String next = newToken();
            tokens.insert(hash(next), token.familyId(), now.plus(refreshTtl), now);
            return new Outcome(Result.ISSUED, token.userId(), token.familyId(), next);
        });
        return switch (outcome.result()) {
            case INVALID -> throw invalidRefreshToken();
            case REUSED -> throw new ApiException(HttpStatus.UNAUTHORIZED, ProblemCodes.REFRESH_TOKEN_REUSED,
                    "This refresh token was used before; its session is revoked. Log in again.");
            case ISSUED -> pair(accounts.find(outcome.userId()).orElseThrow(Sessions::invalidRefreshToken),
                    outcome.familyId(), outcome.refreshToken());
        };
    }

    /** Ends the session of the refresh token, its access tokens included; an unknown token changes nothing. */
    public void logout(String refreshToken) {
        transaction.executeWithoutResult(status -> tokens.find(hash(refreshToken))
                .ifPresent(token -> end(token, "LOGOUT", clock.instant())));
    }

    /**
     * Revokes the token's family and, in the same transaction, announces it: the session's access tokens are refused
     * until the last of them has expired (now plus their lifetime). A family ended before is not announced again.
     */
    private void end(StoredToken token, String reason, Instant now) {
        if (tokens.revokeFamily(token.familyId(), reason, now)) {
            outbox.record(new SessionRevoked(token.familyId(), token.userId(), now.plus(accessTokens.ttl())));
        }
    }

    /** A used refresh token came back: the session ends, and the audit log hears of it every time. */
    private void reused(StoredToken token, Instant now) {
        end(token, "REUSE", now);
        outbox.record(new RefreshTokenReused(token.userId(), token.familyId(), MDC.get("traceId")));
    }

    private TokenPair pair(Account account, String familyId, String refreshToken) {
        return new TokenPair(account.id(), accessTokens.sign(account, familyId), accessTokens.ttl().toSeconds(), refreshToken);
    }

    private static ApiException invalidRefreshToken() {
        return new ApiException(HttpStatus.UNAUTHORIZED, ProblemCodes.INVALID_REFRESH_TOKEN,
                "The refresh token is unknown, expired or revoked. Log in again.");
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
