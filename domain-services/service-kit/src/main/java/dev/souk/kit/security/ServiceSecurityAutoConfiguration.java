package dev.souk.kit.security;

import dev.souk.security.SecurityKitAutoConfiguration;
import dev.souk.security.SoukWebSecurity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service is a resource server: a request needs a valid access token unless the service's
 * {@link ServiceAccessRules} (or the shared public paths: probes, API docs) say otherwise, so a call that bypasses
 * the gateway is not trusted. Actuator endpoints beyond the probes are for the admin.
 */
@AutoConfiguration(after = SecurityKitAutoConfiguration.class, before = SecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
public class ServiceSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain serviceSecurity(HttpSecurity http, SoukWebSecurity security, ObjectProvider<ServiceAccessRules> rules)
            throws Exception {
        security.apply(http).authorizeHttpRequests(r -> {
            security.publicBasics(r);
            security.operations(r, "/actuator/**");
            rules.orderedStream().forEach(rule -> rule.apply(r));
            r.anyRequest().authenticated();
        });
        return http.build();
    }
}
