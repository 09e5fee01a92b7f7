package dev.souk.registry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.souk.security.SoukWebSecurity;

/**
 * The dashboard and actuator endpoints beyond the probes are for the operator (HTTP Basic with SOUK_ADMIN_USER /
 * SOUK_ADMIN_PASSWORD, or an ADMIN token), except on a developer's machine. The registry API ({@code /eureka/**})
 * that every app registers with and fetches from stays open to them: apps do not hold the admin password, so it
 * belongs on the platform's internal network, never behind the public edge.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class RegistrySecurityConfiguration {

    @Bean
    SecurityFilterChain registrySecurity(HttpSecurity http, SoukWebSecurity security) throws Exception {
        security.apply(http).authorizeHttpRequests(rules -> {
            security.publicBasics(rules);
            rules.requestMatchers("/eureka/**").permitAll();
            security.operations(rules, "/**");
        });
        return http.build();
    }
}
