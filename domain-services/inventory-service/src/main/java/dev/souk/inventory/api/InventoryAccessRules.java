package dev.souk.inventory.api;

import dev.souk.kit.security.ServiceAccessRules;
import dev.souk.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Stock levels are public to read (the shop shows availability). Staff set stock; reservations are the order
 * process's business (the hub) and staff's, and so is anything else here.
 */
@Configuration(proxyBeanMethods = false)
class InventoryAccessRules {

    @Bean
    ServiceAccessRules inventoryRoutes() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/inventory/stock", "/api/inventory/stock/**", "/api/inventory/check")
                .permitAll()
                .requestMatchers(HttpMethod.PUT, "/api/inventory/stock").hasRole(Roles.ADMIN)
                .requestMatchers("/api/inventory/**").hasAnyRole(Roles.ADMIN, Roles.SERVICE);
    }
}
