package dev.souk.security.http;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * How the apps that call other apps over Camel's http component (the gateway, the hub) use its HTTP client. Left to
 * itself the client repeats a request that was answered 503 or 429 after the answer's {@code Retry-After}: a service
 * that says "unavailable, retry in 5 s" then held the caller for 5 s before the 503 reached it. An answer is passed on
 * as it came; whether and when to retry is the caller's decision (the client sees {@code Retry-After}, the hub has its
 * circuit breakers and the engine's retries). A request that found a pooled connection dead is still repeated once,
 * at once, when its method is idempotent.
 */
@AutoConfiguration
@ConditionalOnClass({HttpComponent.class, ComponentCustomizer.class})
public class HttpClientDefaultsAutoConfiguration {

    @Bean
    ComponentCustomizer soukHttpClientDefaults() {
        return ComponentCustomizer.forType(HttpComponent.class,
                component -> component.setHttpClientConfigurer(answersAsTheyCome()));
    }

    static HttpClientConfigurer answersAsTheyCome() {
        return builder -> builder.setRetryStrategy(new DefaultHttpRequestRetryStrategy(1, TimeValue.ZERO_MILLISECONDS) {
            @Override
            public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
                return false;
            }
        });
    }
}
