package dev.souk.payment.api;

import dev.souk.kit.security.ServiceAccessRules;
import dev.souk.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Charging and refunding are the order process's (the hub's) and staff's; reading a payment is open to any signed-in
 * caller at the route level, and {@link PaymentController} shows a customer only their own. The simulated
 * provider's controls are for staff.
 */
@Configuration(proxyBeanMethods = false)
class PaymentAccessRules {

    @Bean
    ServiceAccessRules paymentRoutes() {
        return rules -> rules
                .requestMatchers("/api/payments/simulator/**").hasRole(Roles.ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/payments", "/api/payments/*").authenticated()
                .requestMatchers("/api/payments", "/api/payments/**").hasAnyRole(Roles.ADMIN, Roles.SERVICE);
    }
}
