package dev.souk.security.testing;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Makes the app under test trust {@link TestTokens} instead of fetching the auth-service's keys. */
@TestConfiguration(proxyBeanMethods = false)
public class TestTokensConfiguration {

    @Bean
    JWKSource<SecurityContext> testTokenKeys() {
        return TestTokens.keys();
    }
}
