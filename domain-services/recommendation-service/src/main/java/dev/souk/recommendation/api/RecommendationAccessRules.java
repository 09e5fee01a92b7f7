package dev.souk.recommendation.api;

import dev.souk.kit.security.ServiceAccessRules;
import dev.souk.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * "Bought together" for a product is public (a product page shows it); a customer's own recommendations need their
 * token (whose they are is checked per request); what the service learns comes from the hub only.
 */
@Configuration(proxyBeanMethods = false)
class RecommendationAccessRules {

    @Bean
    ServiceAccessRules recommendationRoutes() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/recommendations/products/**").permitAll()
                .requestMatchers("/api/recommendations/internal/**").hasRole(Roles.SERVICE)
                .requestMatchers(HttpMethod.GET, "/api/recommendations/users/**").authenticated()
                .requestMatchers("/api/recommendations/**").hasRole(Roles.ADMIN);
    }
}
