package dev.souk.audit.api;

import dev.souk.kit.security.ServiceAccessRules;
import dev.souk.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit log is the administrator's to read; what goes into it comes from the platform (the hub) only. */
@Configuration(proxyBeanMethods = false)
class AuditAccessRules {

    @Bean
    ServiceAccessRules auditRoutes() {
        return rules -> rules
                .requestMatchers("/api/audit/internal/**").hasRole(Roles.SERVICE)
                .requestMatchers("/api/audit", "/api/audit/**").hasRole(Roles.ADMIN);
    }
}
