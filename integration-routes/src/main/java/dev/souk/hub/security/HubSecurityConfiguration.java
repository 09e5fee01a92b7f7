package dev.souk.hub.security;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.security.Roles;
import dev.souk.security.ServiceTokens;
import dev.souk.security.SoukSecurityProperties;
import dev.souk.security.SoukWebSecurity;

/**
 * Who may use the hub. Public: catalog reads, guest carts (by {@code X-Cart-Id}), API docs, probes. Signed in:
 * orders, checkout, merging a cart (the routes check the order or cart is the caller's). Admin: dead-letter replay,
 * the scheduler,
 * the engine REST API, Hawtio and the other actuator endpoints — open on a developer's machine only
 * ({@code souk.security.operations-open}). Cockpit signs in with the Camunda admin user itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class HubSecurityConfiguration {

    @Bean
    SecurityFilterChain hubSecurity(HttpSecurity http, SoukWebSecurity security) throws Exception {
        security.apply(http).authorizeHttpRequests(rules -> {
            security.publicBasics(rules);
            rules.requestMatchers("/", "/favicon.ico", "/camunda", "/camunda/**").permitAll();
            security.operations(rules, "/engine-rest/**", "/actuator/**");
            rules.requestMatchers(HttpMethod.GET, "/api/catalog/**").permitAll()
                    .requestMatchers("/api/cart/checkout", "/api/cart/merge").authenticated()
                    .requestMatchers("/api/cart", "/api/cart/items", "/api/cart/items/**").permitAll()
                    .requestMatchers("/api/hub/**", "/api/scheduler/**", "/api/backups", "/api/backups/**").hasRole(Roles.ADMIN)
                    .requestMatchers("/api/orders", "/api/orders/**").authenticated()
                    .anyRequest().authenticated();
        });
        return http.build();
    }

    /** The hub's SERVICE token for its calls to the services; without client credentials the hub does not start. */
    @Bean
    ServiceTokens serviceTokens(SoukSecurityProperties properties, ObjectMapper json) {
        if (!properties.client().configured()) {
            throw new IllegalStateException("The hub needs client credentials for its calls to the services: set "
                    + "SOUK_HUB_CLIENT_SECRET (souk.security.client.secret), the same value the auth-service knows.");
        }
        return new ServiceTokens(properties.client(), json, Clock.systemUTC());
    }
}
