package dev.souk.search.api;

import dev.souk.kit.security.ServiceAccessRules;
import dev.souk.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Anyone may search; the feed is the hub's (SERVICE), a reindex the administrator's. */
@Configuration(proxyBeanMethods = false)
class SearchAccessRules {

    @Bean
    ServiceAccessRules searchRoutes() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/search", "/api/search/suggest").permitAll()
                .requestMatchers("/api/search/internal/**").hasRole(Roles.SERVICE)
                .requestMatchers("/api/search/reindex", "/api/search/reindex/**").hasRole(Roles.ADMIN)
                .requestMatchers("/api/search/**").hasRole(Roles.ADMIN);
    }
}
