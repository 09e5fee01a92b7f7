package dev.souk.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.souk.security.OpenOperationsGuard;
import dev.souk.security.RefusedConfigurationException;
import dev.souk.security.RegistryCredentials;
import dev.souk.security.Roles;
import dev.souk.security.SoukSecurityProperties;
import dev.souk.security.SoukWebSecurity;

/**
 * The registry API ({@code /eureka/**}: register, heartbeat, status changes, removal and every read) is for the apps,
 * signed in with HTTP Basic as SOUK_REGISTRY_USER / SOUK_REGISTRY_PASSWORD, and for the operator: the gateway routes
 * by what it holds, so a stranger who could register or take out instances could receive users' requests and tokens.
 * The dashboard and actuator endpoints beyond the probes are the operator's (HTTP Basic with SOUK_ADMIN_USER /
 * SOUK_ADMIN_PASSWORD, or an ADMIN token); on a developer's machine anyone may read them.
 *
 * <p>Without a registry password the registry does not start, except on a developer's machine (profile
 * {@code local}), where its API is then open as it always was there.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class RegistrySecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RegistrySecurityConfiguration.class);

    /** The dashboard's styles, scripts and images are served under /eureka/ but belong to the dashboard. */
    static final String[] DASHBOARD_ASSETS = {"/eureka/css/**", "/eureka/js/**", "/eureka/fonts/**", "/eureka/images/**"};

    @Bean
    SecurityFilterChain registrySecurity(HttpSecurity http, SoukWebSecurity security, Environment environment) throws Exception {
        RegistryCredentials apps = appCredentials(environment, security.properties());
        // Basic also when no admin is configured: it is how the apps sign in (CSRF stays off: they send no token)
        security.apply(http).httpBasic(basic -> basic.authenticationEntryPoint(security.handlers()));
        http.authorizeHttpRequests(rules -> {
            security.publicBasics(rules);
            security.operations(rules, DASHBOARD_ASSETS);
            if (apps.configured()) {
                rules.requestMatchers("/eureka/**").hasAnyRole(RegistryAppSignIn.ROLE, Roles.ADMIN);
            } else {
                rules.requestMatchers("/eureka/**").permitAll();
            }
            security.operations(rules, "/**");
        });
        if (apps.configured()) {
            http.authenticationProvider(new RegistryAppSignIn(apps));
        }
        return http.build();
    }

    static RegistryCredentials appCredentials(Environment environment, SoukSecurityProperties security) {
        RegistryCredentials apps = RegistryCredentials.from(environment);
        if (!apps.configured()) {
            if (!OpenOperationsGuard.isLocal(environment)) {
                throw new RefusedConfigurationException(
                        "The service registry has no password for the apps (SOUK_REGISTRY_PASSWORD), so anyone who reaches it "
                                + "could register, take out or read the instances the gateway routes to.",
                        "Set SOUK_REGISTRY_PASSWORD on the registry and every app (the same secret; user SOUK_REGISTRY_USER, "
                                + "default " + RegistryCredentials.DEFAULT_USER + "); only a developer's machine (profile '"
                                + OpenOperationsGuard.LOCAL_PROFILE + "') may run without it.");
            }
            log.warn("The registry API is open to anyone: no SOUK_REGISTRY_PASSWORD on this developer's machine");
        }
        if (security.admin().configured() && apps.user().equals(security.admin().user())) {
            throw new RefusedConfigurationException(
                    "The apps' registry user (SOUK_REGISTRY_USER) is the admin's name, so the admin could not sign in to the registry.",
                    "Give the apps a registry user of their own (default " + RegistryCredentials.DEFAULT_USER + ").");
        }
        return apps;
    }
}
