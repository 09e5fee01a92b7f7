package dev.souk.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;


/**
 * The shared parts of {@link SoukWebSecurity}: the token decoder (over a {@code JWKSource} bean when the app has one,
 * else the auth-service's JWKS), the problem+json handlers, the admin for HTTP Basic (never a generated password) and
 * nothing else: an app that calls other services makes its own {@link ServiceTokens}.
 */
@AutoConfiguration(before = UserDetailsServiceAutoConfiguration.class)
@EnableConfigurationProperties(SoukSecurityProperties.class)
public class SecurityKitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder soukJwtDecoder(SoukSecurityProperties properties, ObjectProvider<JWKSource<SecurityContext>> keys) {
        JWKSource<SecurityContext> local = keys.getIfUnique();
        return local != null ? AccessTokenDecoder.over(local, properties) : AccessTokenDecoder.remote(properties);
    }

    /** Route rules match request paths as Spring MVC does, whatever other servlets (Camunda's REST API) an app has. */
    @Bean
    @ConditionalOnMissingBean
    PathPatternRequestMatcher.Builder soukPathPatterns() {
        return PathPatternRequestMatcher.withDefaults();
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(ObjectMapper json, SoukSecurityProperties properties) {
        return new ProblemSecurityHandlers(json, properties.admin().configured());
    }

    @Bean
    SoukWebSecurity soukWebSecurity(SoukSecurityProperties properties, JwtDecoder decoder, ProblemSecurityHandlers handlers) {
        return new SoukWebSecurity(properties, decoder, handlers);
    }

    /** The admin of HTTP Basic sign-in; with none configured, no user at all (Spring's generated one never appears). */
    @Bean
    @ConditionalOnMissingBean
    InMemoryUserDetailsManager soukAdminUsers(SoukSecurityProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        if (properties.admin().configured()) {
            PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
            users.createUser(User.withUsername(properties.admin().user())
                    .password(encoder.encode(properties.admin().password()))
                    .roles(Roles.ADMIN)
                    .build());
        }
        return users;
    }
}
