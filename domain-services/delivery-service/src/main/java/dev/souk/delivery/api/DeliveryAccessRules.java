package dev.souk.delivery.api;

import dev.souk.kit.security.ServiceAccessRules;
import dev.souk.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Tracking is open to any signed-in caller at the route level, and {@link DeliveryController} shows a customer only
 * their own shipments. Creating, moving and cancelling shipments is the order process's (the hub's) and staff's.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryAccessRules {

    @Bean
    ServiceAccessRules deliveryRoutes() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/delivery/shipments", "/api/delivery/shipments/*", "/api/delivery/*")
                .authenticated()
                .requestMatchers("/api/delivery/**").hasAnyRole(Roles.ADMIN, Roles.SERVICE);
    }
}
