package dev.souk.user.api;

import dev.souk.kit.security.ServiceAccessRules;
import dev.souk.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Creating users and listing them is for the platform (registration goes through the auth-service) and staff. One
 * user's profile is open to any signed-in caller at the route level; {@link UserController} lets a customer reach
 * only their own.
 */
@Configuration(proxyBeanMethods = false)
class UserAccessRules {

    @Bean
    ServiceAccessRules userRoutes() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/users").hasAnyRole(Roles.ADMIN, Roles.SERVICE)
                .requestMatchers(HttpMethod.GET, "/api/users").hasAnyRole(Roles.ADMIN, Roles.SERVICE);
    }
}
