package dev.souk.gateway.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import dev.souk.security.SoukWebSecurity;

/**
 * The edge checks every token before a request is routed (signature against the auth-service's keys, expiry, issuer,
 * audience) and applies {@link EdgeAccessRules}; then {@link RateLimitFilter}. The services check the token again.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(RateLimitProperties.class)
public class EdgeSecurityConfiguration {

    /** The service map runs only its own script and styles (its inline style block included). */
    static final String MAP_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'";

    @Bean
    SecurityFilterChain edgeSecurity(HttpSecurity http, SoukWebSecurity security, RateLimitProperties limits) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        security.apply(http)
                // caching is the services' call (the JWKS, product pages): their Cache-Control passes through
                .headers(headers -> headers.cacheControl(cache -> cache.disable()).addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new OrRequestMatcher(paths.matcher("/"), paths.matcher("/index.html")),
                        new StaticHeadersWriter("Content-Security-Policy", MAP_CONTENT_SECURITY_POLICY))))
                .authorizeHttpRequests(rules -> {
                    security.publicBasics(rules);
                    security.operations(rules, "/actuator/**");
                    EdgeAccessRules.apply(rules);
                })
                .addFilterAfter(new RateLimitFilter(limits, security.handlers()), AuthorizationFilter.class);
        return http.build();
    }
}
