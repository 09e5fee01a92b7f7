package dev.souk.order.api;

import dev.souk.kit.security.ServiceAccessRules;
import dev.souk.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Orders are reached through the hub, which checks that a customer's order is theirs before it calls here with its
 * SERVICE token; staff may reach every order directly. A customer's own token is refused.
 */
@Configuration(proxyBeanMethods = false)
class OrderAccessRules {

    @Bean
    ServiceAccessRules orderRoutes() {
        return rules -> rules.requestMatchers("/api/orders", "/api/orders/**").hasAnyRole(Roles.ADMIN, Roles.SERVICE);
    }
}
