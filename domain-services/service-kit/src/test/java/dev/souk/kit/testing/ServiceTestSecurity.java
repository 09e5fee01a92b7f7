package dev.souk.kit.testing;

import dev.souk.security.testing.TestTokens;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * In a {@link SoukServiceTest} every MockMvc request carries a SERVICE token (as the hub's calls do) unless it sets
 * its own {@code Authorization} header ({@link #as(String)}) or asks for none ({@link #anonymous()}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class ServiceTestSecurity {

    @Bean
    MockMvcBuilderCustomizer serviceTokenByDefault() {
        return builder -> builder.defaultRequest(MockMvcRequestBuilders.get("/")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.service())));
    }

    /** Sends the request with the given access token instead of the default SERVICE token. */
    public static RequestPostProcessor as(String token) {
        return request -> {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            request.addHeader(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token));
            return request;
        };
    }

    /** Sends the request without any token. */
    public static RequestPostProcessor anonymous() {
        return request -> {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            return request;
        };
    }

    /** As the customer {@code userId}. */
    public static RequestPostProcessor customer(String userId) {
        return as(TestTokens.customer(userId));
    }

    /** As an admin. */
    public static RequestPostProcessor admin() {
        return as(TestTokens.admin());
    }
}
