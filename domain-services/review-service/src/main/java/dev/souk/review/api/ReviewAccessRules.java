package dev.souk.review.api;

import dev.souk.kit.security.ServiceAccessRules;
import dev.souk.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Published reviews and ratings are public. Writing, editing, deleting and voting need a signed-in customer (whose
 * review it is, {@link ReviewController} decides); moderation and the summary check are staff's; order events come
 * from the platform (the hub) only.
 */
@Configuration(proxyBeanMethods = false)
class ReviewAccessRules {

    @Bean
    ServiceAccessRules reviewRoutes() {
        return rules -> rules
                .requestMatchers("/api/reviews/internal/**").hasRole(Roles.SERVICE)
                .requestMatchers("/api/reviews/*/moderation").hasRole(Roles.ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/reviews/products/*/summary/check").hasRole(Roles.ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/reviews/mine").authenticated()
                .requestMatchers(HttpMethod.GET, "/api/reviews", "/api/reviews/*", "/api/reviews/products/*/summary").permitAll();
    }
}
