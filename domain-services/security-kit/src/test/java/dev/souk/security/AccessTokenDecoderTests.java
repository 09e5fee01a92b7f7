package dev.souk.security;

import dev.souk.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenDecoderTests {

    private final JwtDecoder decoder = AccessTokenDecoder.over(TestTokens.keys(),
            new SoukSecurityProperties(null, null, null, null, false, null, null, null));

    @Test
    void aValidTokenYieldsItsSubjectAndRoles() {
        Jwt jwt = decoder.decode(TestTokens.customer("user-42"));

        assertThat(jwt.getSubject()).isEqualTo("user-42");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("CUSTOMER");
        assertThat(jwt.getAudience()).containsExactly("souk");
    }

    static Stream<Arguments> refusedTokens() {
        Stream<Arguments> refused = TestTokens.refused().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
        return Stream.concat(refused, Stream.of(
                Arguments.of("without subject", TestTokens.with(c -> c.subject(null))),
                Arguments.of("not a token", "not.a.token")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void everyForgedOrStaleTokenIsRefused(String kind, String token) {
        assertThatThrownBy(() -> decoder.decode(token)).as(kind).isInstanceOf(JwtException.class);
    }

    @Test
    void callerMayActForThemselvesAndPrivilegedCallersForAnyone() {
        Caller customer = new Caller("user-1", java.util.Set.of(Roles.CUSTOMER));
        Caller service = new Caller("integration-hub", java.util.Set.of(Roles.SERVICE));

        assertThat(customer.mayActFor("user-1")).isTrue();
        assertThat(customer.mayActFor("user-2")).isFalse();
        assertThat(service.mayActFor("user-2")).isTrue();
        assertThat(List.of(customer.isPrivileged(), service.isPrivileged())).containsExactly(false, true);
    }
}
