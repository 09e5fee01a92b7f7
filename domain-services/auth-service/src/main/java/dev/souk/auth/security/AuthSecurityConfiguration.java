package dev.souk.auth.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.souk.auth.token.SigningKeys;
import dev.souk.kit.security.ServiceAccessRules;
import dev.souk.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Every auth endpoint is public (they are how a caller gets a token) except account management, which is for
 * administrators, and changing one's email, which needs the user's token; tokens presented to this service are checked
 * against its own keys, not fetched over HTTP from itself.
 */
@Configuration(proxyBeanMethods = false)
class AuthSecurityConfiguration {

    @Bean
    ServiceAccessRules authEndpointsArePublic() {
        return rules -> rules
                .requestMatchers("/api/auth/accounts", "/api/auth/accounts/**").hasRole(Roles.ADMIN)
                .requestMatchers("/api/auth/email").authenticated()
                .requestMatchers("/api/auth/**").permitAll();
    }

    @Bean
    @Primary
    JWKSource<SecurityContext> ownSigningKeys(SigningKeys keys) {
        return (selector, context) -> selector.select(keys.publicJwks());
    }
}
