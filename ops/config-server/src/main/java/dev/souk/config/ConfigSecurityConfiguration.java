package dev.souk.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import dev.souk.security.Roles;
import dev.souk.security.SoukSecurityProperties;
import dev.souk.security.SoukWebSecurity;

/**
 * Configuration is read by the apps (user {@code SOUK_CONFIG_USER}, password {@code SOUK_CONFIG_PASSWORD}) and by the
 * operator (the admin); nobody else, except on a developer's machine where it is open. Probes stay public.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ConfigSecurityConfiguration {

    static final String CONFIG_CLIENT = "CONFIG_CLIENT";

    @Bean
    SecurityFilterChain configSecurity(HttpSecurity http, SoukWebSecurity security) throws Exception {
        security.apply(http).authorizeHttpRequests(rules -> {
            security.publicBasics(rules);
            security.operations(rules, "/actuator/**");
            if (security.properties().operationsOpen()) {
                rules.anyRequest().permitAll();
            } else {
                rules.anyRequest().hasAnyRole(Roles.ADMIN, CONFIG_CLIENT);
            }
        });
        return http.build();
    }

    /** The admin and the apps' read-only client; one without a password is not created. */
    @Bean
    InMemoryUserDetailsManager configUsers(SoukSecurityProperties properties,
                                           @Value("${souk.config.client.user:config-client}") String clientUser,
                                           @Value("${souk.config.client.password:}") String clientPassword) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        if (properties.admin().configured()) {
            users.createUser(User.withUsername(properties.admin().user()).password(encoder.encode(properties.admin().password()))
                    .roles(Roles.ADMIN).build());
        }
        if (!clientPassword.isBlank()) {
            users.createUser(User.withUsername(clientUser).password(encoder.encode(clientPassword)).roles(CONFIG_CLIENT).build());
        }
        return users;
    }
}
