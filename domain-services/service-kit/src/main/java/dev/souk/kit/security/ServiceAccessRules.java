package dev.souk.kit.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own route rules (which roles may call what), applied after the shared public paths and before the
 * catch-all "every other request needs a valid token". Object-level checks (whose order is it?) stay in the service,
 * with {@link Access}.
 */
@FunctionalInterface
public interface ServiceAccessRules {

    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
