package dev.souk.security;

import dev.souk.security.testing.MovableClock;
import dev.souk.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RememberingTokenDecoderTests {

    private final SoukSecurityProperties properties = new SoukSecurityProperties(null, null, null, Duration.ZERO, false,
            null, null, null);
    private final JwtDecoder real = AccessTokenDecoder.over(TestTokens.keys(), properties);
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder counting = token -> {
        verifications.incrementAndGet();
        return real.decode(token);
    };
    private final MovableClock clock = new MovableClock();
    private final RememberingTokenDecoder decoder = new RememberingTokenDecoder(counting,
            AccessTokenDecoder.validator(properties), Duration.ofSeconds(60), 3, clock);

    @Test
    void aTokenSentAgainIsNotVerifiedAgain() {
        String token = TestTokens.customer("user-7");

        Jwt first = decoder.decode(token);
        Jwt second = decoder.decode(token);

        assertThat(second.getSubject()).isEqualTo("user-7");
        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        String tampered = TestTokens.tampered();

        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(JwtException.class);

        assertThat(verifications).hasValue(2);
        assertThat(decoder.remembered()).isZero();
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        // given a remembered token that expires in a second
        String shortLived = TestTokens.with(c -> c.expirationTime(Date.from(Instant.now().plusSeconds(1))));
        decoder.decode(shortLived);

        // when it has expired, then it is refused and forgotten
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> decoder.decode(shortLived)).isInstanceOf(JwtException.class).hasMessageContaining("expired"));
        assertThat(decoder.remembered()).isZero();
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItsSessionHasEnded() {
        // given a remembered token of a session
        RevokedSessions revoked = new RevokedSessions(10, Duration.ZERO, clock);
        RememberingTokenDecoder decoder = new RememberingTokenDecoder(counting,
                AccessTokenDecoder.validator(properties, revoked), Duration.ofSeconds(60), 3, clock);
        String token = TestTokens.inSession("user-7", "fam-7");
        decoder.decode(token);

        // when the session ends, then the remembered token is refused
        revoked.revoke("fam-7", Instant.now().plus(Duration.ofMinutes(15)));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(decoder.remembered()).isZero();
    }

    @Test
    void afterTheTrustWindowTheSignatureIsCheckedAgain() {
        String token = TestTokens.admin();
        decoder.decode(token);

        clock.advance(Duration.ofSeconds(61));
        decoder.decode(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void itRemembersABoundedNumberOfTokens() {
        for (int i = 0; i < 10; i++) {
            decoder.decode(TestTokens.customer("user-" + i));
            assertThat(decoder.remembered()).isLessThanOrEqualTo(3);
        }
        assertThat(verifications).hasValue(10);
    }
}
