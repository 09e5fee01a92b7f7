package dev.souk.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import java.time.Duration;
import java.util.List;

/**
 * The security every Souk app applies to its HTTP endpoints, before its own route rules: stateless bearer tokens
 * checked by {@link AccessTokenDecoder}, problem+json 401/403, HTTP Basic for the admin on operations endpoints,
 * CORS for the configured origins only (refusals as problem+json), security headers, and {@link CallerHeaders}.
 */
public class SoukWebSecurity {

    /** Actuator endpoints anyone may read: probes only. */
    public static final String[] PUBLIC_OPERATIONS = {"/actuator/health", "/actuator/health/**", "/actuator/info"};

    /** Where a caller gets or gives up tokens: a bearer token sent there is not looked at. */
    static final java.util.Set<String> TOKEN_ENDPOINTS = java.util.Set.of("/api/auth/register", "/api/auth/login",
            "/api/auth/refresh", "/api/auth/logout", "/api/auth/token", "/api/auth/.well-known/jwks.json");

    private final SoukSecurityProperties properties;
    private final JwtDecoder decoder;
    private final ProblemSecurityHandlers handlers;

    public SoukWebSecurity(SoukSecurityProperties properties, JwtDecoder decoder, ProblemSecurityHandlers handlers) {
        this.properties = properties;
        this.decoder = decoder;
        this.handlers = handlers;
    }

    public SoukSecurityProperties properties() {
        return properties;
    }

    public JwtDecoder decoder() {
        return decoder;
    }

    public ProblemSecurityHandlers handlers() {
        return handlers;
    }

    /** Maps the {@code roles} claim to {@code ROLE_*} authorities and the subject to the principal name. */
    public static JwtAuthenticationConverter rolesConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    private static final DefaultBearerTokenResolver BEARER = new DefaultBearerTokenResolver();

    /**
     * The bearer token of a request, except on the token endpoints (register, login, refresh, logout, keys): they
     * never need one, and a client that still sends its expired access token there must not be refused.
     */
    static String bearerToken(HttpServletRequest request) {
        return TOKEN_ENDPOINTS.contains(request.getRequestURI()) ? null : BEARER.resolve(request);
    }

    private static final BasicAuthenticationConverter BASIC = new BasicAuthenticationConverter();

    /**
     * HTTP Basic is the operator's sign-in to consoles and actuator endpoints only. The API takes bearer tokens; a
     * Basic header there (a client's credentials at {@code POST /api/auth/token}) is not a sign-in.
     */
    static UsernamePasswordAuthenticationToken adminSignIn(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/api/") ? null : BASIC.convert(request);
    }

    /** Applies the shared part; the caller adds its route rules with {@code http.authorizeHttpRequests(...)}. */
    public HttpSecurity apply(HttpSecurity http) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(Customizer.withDefaults())
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(SoukWebSecurity::bearerToken)
                        .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(rolesConverter()))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .cors(AbstractHttpConfigurer::disable)
                .addFilter(corsFilter())
                .headers(h -> h
                        .contentTypeOptions(Customizer.withDefaults())
                        .frameOptions(f -> f.sameOrigin())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(s -> s.includeSubDomains(true).maxAgeInSeconds(Duration.ofDays(365).toSeconds())))
                .addFilterAfter(new CallerHeaders(), AuthorizationFilter.class);
        if (properties.admin().configured()) {
            http.httpBasic(b -> b.authenticationEntryPoint(handlers)
                    .withObjectPostProcessor(new ObjectPostProcessor<BasicAuthenticationFilter>() {
                        @Override
                        public <F extends BasicAuthenticationFilter> F postProcess(F filter) {
                            filter.setAuthenticationConverter(SoukWebSecurity::adminSignIn);
                            return filter;
                        }
                    }));
        } else {
            http.httpBasic(AbstractHttpConfigurer::disable);
        }
        return http;
    }

    /** Jolokia runs JMX operations whatever the HTTP method ({@code GET /actuator/jolokia/exec/...}): never a plain read. */
    static final String[] JMX_OVER_HTTP = {"/actuator/jolokia", "/actuator/jolokia/**"};

    /**
     * Operations endpoints (actuator beyond the probes, consoles) are the admin's. On a developer's machine
     * ({@code operations-open}, local profile only) anyone may read them with GET; changing anything (loggers, Camel
     * routes, the engine) and Jolokia stay the admin's there too.
     */
    public void operations(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules,
                           String... patterns) {
        rules.requestMatchers(JMX_OVER_HTTP).hasRole(Roles.ADMIN);
        if (properties.operationsOpen()) {
            rules.requestMatchers(HttpMethod.GET, patterns).permitAll();
        }
        rules.requestMatchers(patterns).hasRole(Roles.ADMIN);
    }

    /** Probes and the API documentation are public in every app. */
    public void publicBasics(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                .requestMatchers(PUBLIC_OPERATIONS).permitAll()
                .requestMatchers("/error").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/*/v3/api-docs", "/api/*/v3/api-docs/**", "/api/*/swagger-ui.html",
                        "/api/*/swagger-ui/**", "/swagger-ui/**", "/v3/api-docs/**", "/webjars/**").permitAll();
    }

    private CorsFilter corsFilter() {
        CorsFilter filter = new CorsFilter(cors());
        filter.setCorsProcessor(new ProblemCorsProcessor(handlers));
        return filter;
    }

    private UrlBasedCorsConfigurationSource cors() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key", "X-Request-Id", "X-Cart-Id"));
        cors.setExposedHeaders(List.of("Location", "Retry-After", "X-Request-Id", "RateLimit-Remaining"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
