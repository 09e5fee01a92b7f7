package dev.souk.gateway.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

import dev.souk.security.Roles;

/**
 * Who may call what at the edge. Public: catalog and product reads, search, stock checks, reviews, guest carts,
 * sign-up and sign-in, the service map. ADMIN: catalog and stock writes, refunds, reports, audit, analytics, the
 * hub's operations, user administration. Everything else under /api needs a valid token of any role; whose order,
 * cart or payment it is, the service behind decides.
 */
final class EdgeAccessRules {

    private EdgeAccessRules() {
    }

    static void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(GET, "/", "/index.html", "/map.css", "/map.js", "/favicon.ico").permitAll()
                .requestMatchers(GET, "/api/platform/services").permitAll()
                // sign-up and sign-in
                .requestMatchers(POST, "/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout",
                        "/api/auth/token").permitAll()
                .requestMatchers(GET, "/api/auth/.well-known/jwks.json").permitAll()
                // how the hub hands events to services: never a client's way in
                .requestMatchers("/api/*/internal/**").hasRole(Roles.SERVICE)
                // a customer's own recommendations (which customer, the service decides); the feeds are the hub's
                .requestMatchers(GET, "/api/recommendations/users/**").authenticated()
                .requestMatchers("/api/search/internal/**", "/api/recommendations/internal/**").hasRole(Roles.SERVICE)
                // what anyone may read
                .requestMatchers(GET, "/api/products", "/api/products/**", "/api/catalog/**", "/api/search/**",
                        "/api/reviews/**", "/api/recommendations/**", "/api/inventory/stock", "/api/inventory/stock/**",
                        "/api/inventory/check").permitAll()
                // guest carts (X-Cart-Id); checkout and merge need a signed-in user
                .requestMatchers("/api/cart/checkout", "/api/cart/merge").authenticated()
                .requestMatchers("/api/cart", "/api/cart/items", "/api/cart/items/**").permitAll()
                // staff only
                .requestMatchers(POST, "/api/products", "/api/products/**").hasRole(Roles.ADMIN)
                .requestMatchers(PUT, "/api/products/**").hasRole(Roles.ADMIN)
                .requestMatchers(PATCH, "/api/products/**").hasRole(Roles.ADMIN)
                .requestMatchers(DELETE, "/api/products/**").hasRole(Roles.ADMIN)
                .requestMatchers("/api/inventory/**").hasAnyRole(Roles.ADMIN, Roles.SERVICE)
                .requestMatchers(POST, "/api/payments/refund", "/api/payments/*/refund").hasAnyRole(Roles.ADMIN, Roles.SERVICE)
                .requestMatchers("/api/payments/simulator/**").hasRole(Roles.ADMIN)
                .requestMatchers("/api/reports/**", "/api/audit/**", "/api/analytics/**", "/api/hub/**", "/api/backups/**",
                        "/api/scheduler/**", "/api/pipeline/**").hasRole(Roles.ADMIN)
                .requestMatchers(GET, "/api/users").hasAnyRole(Roles.ADMIN, Roles.SERVICE)
                .requestMatchers(POST, "/api/users").hasAnyRole(Roles.ADMIN, Roles.SERVICE)
                .requestMatchers("/api/auth/accounts", "/api/auth/accounts/**").hasRole(Roles.ADMIN)
                // live notifications: the SSE stream takes a bearer token or a single-use ticket, the WebSocket's STOMP
                // CONNECT frame carries the token (a browser cannot put headers on either); notification-service checks
                .requestMatchers(GET, "/api/notifications/stream", "/api/notifications/ws", "/api/notifications/ws/**").permitAll()
                // the rest of the API: any signed-in caller
                .requestMatchers("/api/**").authenticated()
                .anyRequest().permitAll();
    }
}
