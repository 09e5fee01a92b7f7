package dev.souk.security;

import dev.souk.security.testing.MovableClock;
import dev.souk.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevokedSessionsTests {

    private static final Duration SKEW = Duration.ofSeconds(30);

    private final MovableClock clock = new MovableClock();
    private final RevokedSessions revoked = new RevokedSessions(3, SKEW, clock);
    private final JwtDecoder decoder = AccessTokenDecoder.over(TestTokens.keys(),
            new SoukSecurityProperties(null, null, null, SKEW, false, null, null, null), revoked);

    @Test
    void theTokensOfAnEndedSessionAreRefusedAndOthersAreNot() {
        // given two sessions of one customer
        String ended = TestTokens.inSession("user-1", "fam-1");
        String other = TestTokens.inSession("user-1", "fam-2");

        // when the first ends
        revoked.revoke("fam-1", clock.instant().plus(Duration.ofMinutes(15)));

        // then its token is refused; the other session's, and a SERVICE token without a session, are not
        assertThatThrownBy(() -> decoder.decode(ended)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("session");
        assertThat(decoder.decode(other).getSubject()).isEqualTo("user-1");
        assertThat(decoder.decode(TestTokens.service()).getSubject()).isEqualTo("integration-hub");
    }

    @Test
    void aSessionIsKeptWhileItsTokensCanStillPassTheExpiryCheck() {
        // given a session ended now, whose tokens expire within 15 minutes
        Instant revokedUntil = clock.instant().plus(Duration.ofMinutes(15));
        revoked.revoke("fam-1", revokedUntil);

        // when its last token has expired, it is still kept for the clock skew
        clock.advance(Duration.ofMinutes(15));
        revoked.prune();
        assertThat(revoked.isRevoked("fam-1")).isTrue();

        // then after that it is forgotten
        clock.advance(SKEW);
        revoked.prune();
        assertThat(revoked.isRevoked("fam-1")).isFalse();
        assertThat(revoked.size()).isZero();
    }

    @Test
    void aRevocationWhoseTokensHaveAllExpiredIsNotKept() {
        revoked.revoke("fam-old", clock.instant().minus(Duration.ofHours(1)));

        assertThat(revoked.size()).isZero();
    }

    @Test
    void atMostCapacitySessionsAreKeptAndTheOnesExpiringFirstGoFirst() {
        // given as many ended sessions as the list keeps
        for (int i = 1; i <= 3; i++) {
            revoked.revoke("fam-" + i, clock.instant().plus(Duration.ofMinutes(i)));
        }

        // when two more end
        revoked.revoke("fam-4", clock.instant().plus(Duration.ofMinutes(14)));
        revoked.revoke("fam-5", clock.instant().plus(Duration.ofMinutes(15)));

        // then the list stays bounded and keeps the sessions whose tokens live longest
        assertThat(revoked.size()).isEqualTo(3);
        assertThat(revoked.isRevoked("fam-3")).isTrue();
        assertThat(revoked.isRevoked("fam-4")).isTrue();
        assertThat(revoked.isRevoked("fam-5")).isTrue();
        assertThat(revoked.isRevoked("fam-1")).isFalse();
    }
}
