package dev.souk.security;

import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.sun.net.httpserver.HttpServer;
import dev.souk.security.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A token whose kid the JWK set does not know is a bad token (401), however the key lookup fails: the set may not be
 * fetched again so soon (rate limit), or it cannot be fetched at all. Spring would call both a server failure (500).
 */
class UnknownKeyTokensTests {

    private static final int FORGED = 200;

    private final AtomicInteger fetches = new AtomicInteger();
    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private HttpServer jwks;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    @Test
    void aBurstOfTokensWithMadeUpKidsIsRefusedAsBadTokensAndAValidTokenStillVerifies() throws Exception {
        // given an app that has read the keys once, for a valid token
        JwtDecoder decoder = AccessTokenDecoder.remote(properties(servedKeys()));
        decoder.decode(TestTokens.customer("user-1"));
        JwtAuthenticationProvider authentication = new JwtAuthenticationProvider(decoder);

        // when a burst of tokens with made-up kids arrives at once
        List<Future<AuthenticationException>> outcomes = new ArrayList<>();
        IntStream.range(0, FORGED).mapToObj(i -> TestTokens.unknownKid("forged-" + UUID.randomUUID())).forEach(token ->
                outcomes.add(callers.submit(() -> refusal(authentication, token))));

        // then every one is refused as an invalid token (401), none as a failure of the server (500)
        List<AuthenticationException> refusals = new ArrayList<>();
        for (Future<AuthenticationException> outcome : outcomes) {
            refusals.add(outcome.get());
        }
        assertThat(refusals).hasSize(FORGED).allSatisfy(refusal -> {
            assertThat(refusal).isInstanceOf(InvalidBearerTokenException.class);
            assertThat(refusal.getCause()).isInstanceOf(BadJwtException.class);
        });
        // the burst did reach the rate limit of the key set, and fetched it only a few times
        assertThat(refusals).anySatisfy(refusal -> assertThat(causes(refusal)).hasAtLeastOneElementOfType(RateLimitReachedException.class));
        assertThat(fetches.get()).isLessThanOrEqualTo(3);

        // and a valid token still verifies
        assertThat(decoder.decode(TestTokens.customer("user-2")).getSubject()).isEqualTo("user-2");
    }

    @Test
    void whenTheKeysCannotBeFetchedATokenIsRefusedAsABadToken() throws Exception {
        // given an app whose auth-service does not answer
        JwtDecoder decoder = AccessTokenDecoder.remote(properties(URI.create("http://127.0.0.1:" + freePort() + "/jwks.json")));

        // when a token arrives, then it is refused as an invalid token
        assertThatThrownBy(() -> decoder.decode(TestTokens.customer("user-1"))).isInstanceOf(BadJwtException.class);
        assertThat(refusal(new JwtAuthenticationProvider(decoder), TestTokens.unknownKid()))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    private static AuthenticationException refusal(JwtAuthenticationProvider authentication, String token) {
        try {
            authentication.authenticate(new BearerTokenAuthenticationToken(token));
        } catch (AuthenticationException refused) {
            return refused;
        }
        throw new AssertionError("a forged token was accepted");
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    private URI servedKeys() throws IOException {
        byte[] body = TestTokens.jwksJson().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        return URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static SoukSecurityProperties properties(URI jwksUri) {
        return new SoukSecurityProperties(jwksUri, null, null, null, false, null, null, null);
    }
}
