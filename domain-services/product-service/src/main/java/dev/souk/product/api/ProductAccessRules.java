package dev.souk.product.api;

import dev.souk.kit.security.ServiceAccessRules;
import dev.souk.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The catalog is public to read; only staff change it. */
@Configuration(proxyBeanMethods = false)
class ProductAccessRules {

    @Bean
    ServiceAccessRules productRoutes() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/products", "/api/products/**").permitAll()
                .requestMatchers("/api/products", "/api/products/**").hasRole(Roles.ADMIN);
    }
}
