package dev.souk.cart.api;

import dev.souk.kit.security.ServiceAccessRules;
import dev.souk.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Carts are reached through the hub, which prices items from the catalog and checks whose cart it is before it calls
 * here with its SERVICE token (naming the user in {@code X-User-Id}); staff may look directly. A customer's own token
 * is refused, so no client sets a price or names another user's cart here. Housekeeping under {@code /internal} is
 * the scheduler's (SERVICE only).
 */
@Configuration(proxyBeanMethods = false)
class CartAccessRules {

    @Bean
    ServiceAccessRules cartRoutes() {
        return rules -> rules
                .requestMatchers("/api/cart/internal/**").hasRole(Roles.SERVICE)
                .requestMatchers("/api/cart", "/api/cart/**").hasAnyRole(Roles.ADMIN, Roles.SERVICE);
    }
}
