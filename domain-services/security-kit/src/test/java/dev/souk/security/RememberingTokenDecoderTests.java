package dev.souk.security;

import dev.souk.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aRememberedTokenIsRefusedOnceItExpires() throws Exception {
        Instant soon = Instant.now().plusSeconds(1);
        String shortLived = TestTokens.with(c -> c.expirationTime(Date.from(soon)));
        decoder.decode(shortLived);

        Thread.sleep(Duration.between(Instant.now(), soon).toMillis() + 1_100);

        assertThatThrownBy(() -> decoder.decode(shortLived)).isInstanceOf(JwtException.class).hasMessageContaining("expired");
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

    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
