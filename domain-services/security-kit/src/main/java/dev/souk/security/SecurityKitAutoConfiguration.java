package dev.souk.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import java.time.Clock;
import java.util.List;

/**
 * The shared parts of {@link SoukWebSecurity}: the token decoder (over a {@code JWKSource} bean when the app has one,
 * else the auth-service's JWKS) that also refuses the tokens of sessions the auth-service ended (read from
 * {@code auth-events} unless {@code souk.security.revocations.enabled=false}), the problem+json handlers, the admin for
 * HTTP Basic (never a generated password) and nothing else: an app that calls other services makes its own
 * {@link ServiceTokens}.
 */
@AutoConfiguration(before = UserDetailsServiceAutoConfiguration.class)
@EnableConfigurationProperties({SoukSecurityProperties.class, RevocationProperties.class})
public class SecurityKitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder soukJwtDecoder(SoukSecurityProperties properties, ObjectProvider<JWKSource<SecurityContext>> keys,
                              RevokedSessions revoked) {
        JWKSource<SecurityContext> local = keys.getIfUnique();
        return local != null ? AccessTokenDecoder.over(local, properties, revoked) : AccessTokenDecoder.remote(properties, revoked);
    }

    @Bean
    @ConditionalOnMissingBean
    RevokedSessions soukRevokedSessions(SoukSecurityProperties security, RevocationProperties revocations) {
        return new RevokedSessions(revocations.capacity(), security.clockSkew(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(name = "souk.security.revocations.enabled", havingValue = "true", matchIfMissing = true)
    RevokedSessionsFeed soukRevokedSessionsFeed(RevokedSessions revoked, RevocationProperties revocations,
                                                SoukSecurityProperties security, Environment environment) {
        return new RevokedSessionsFeed(revoked, bootstrapServers(revocations, environment), revocations.topic(),
                revocations.maxTokenLifetime().plus(security.clockSkew()),
                environment.getProperty("spring.application.name", "app"), Clock.systemUTC());
    }

    /** The revocations' own brokers, else the app's Kafka, else {@code SOUK_KAFKA_BOOTSTRAP}, else the local broker. */
    static String bootstrapServers(RevocationProperties revocations, Environment environment) {
        if (revocations.bootstrapServers() != null && !revocations.bootstrapServers().isBlank()) {
            return revocations.bootstrapServers();
        }
        List<String> appKafka = Binder.get(environment)
                .bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
                .orElse(List.of());
        return appKafka.isEmpty()
                ? environment.resolvePlaceholders("${SOUK_KAFKA_BOOTSTRAP:localhost:9092}")
                : String.join(",", appKafka);
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
