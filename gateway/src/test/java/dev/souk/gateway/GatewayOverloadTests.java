package dev.souk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.security.testing.TestTokens;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.hc.client5.http.impl.classic.RequestFailedException;
import org.apache.hc.core5.util.Deadline;
import org.apache.hc.core5.util.DeadlineTimeoutException;
import org.apache.hc.core5.util.Timeout;
import dev.souk.security.testing.TestTokensConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When every connection to a service is busy, a request that cannot get one in time is told to come back (503 with
 * Retry-After), like any other unavailable service, and never sees a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "spring.cloud.config.enabled=false",
        "souk.gateway.connect-timeout-ms=300",
        "souk.gateway.response-timeout-ms=3000",
        "souk.gateway.connections-per-instance=1",
        "souk.gateway.routes.slow=test-upstream",
})
@Import(TestTokensConfiguration.class)
class GatewayOverloadTests extends GatewayTestSupport {

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    CamelContext camel;

    @Test
    void aRequestThatFindsNoFreeConnectionAnswers503ProblemWithRetryAfter() throws Exception {
        // the one connection to the service is taken by a call the service does not answer
        int before = UPSTREAM.slowRequests();
        CompletableFuture<HttpResponse<String>> holding = client.sendAsync(request(), HttpResponse.BodyHandlers.ofString());
        long waited = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (UPSTREAM.slowRequests() == before && System.nanoTime() < waited) {
            Thread.sleep(20);
        }
        assertThat(UPSTREAM.slowRequests()).isEqualTo(before + 1);

        HttpResponse<String> queued = client.send(request(), HttpResponse.BodyHandlers.ofString());

        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(503);
        assertThat(queued.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(queued.headers().firstValue("Retry-After")).isPresent();
        JsonNode problem = objectMapper.readTree(queued.body());
        assertThat(problem.path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(problem.path("detail").asText()).contains("test-upstream");
        assertThat(UPSTREAM.slowRequests()).isEqualTo(before + 1);
        assertThat(holding.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
        assertThat(problem.path("detail").asText()).contains("busy");
    }

    @Test
    void aLeaseThePoolGaveUpOnIsA503Too() throws Exception {
        // how the pool reports a waiting request it expired: an I/O failure caused by a deadline timeout
        AdviceWith.adviceWith(camel, "gateway-proxy", route -> route.weaveByToUri("http://upstream*").before()
                .process(exchange -> {
                    if (exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class).endsWith("/expired")) {
                        throw new RequestFailedException("Request execution failed",
                                DeadlineTimeoutException.from(Deadline.calculate(Timeout.ofMilliseconds(1))));
                    }
                }));

        HttpResponse<String> expired = client.send(request("/api/slow/expired"), HttpResponse.BodyHandlers.ofString());

        assertThat(expired.statusCode()).as(expired.body()).isEqualTo(503);
        assertThat(objectMapper.readTree(expired.body()).path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(expired.headers().firstValue("Retry-After")).isPresent();
    }

    private HttpRequest request() {
        return request("/api/slow/report");
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", TestTokens.bearer(TestTokens.customer("user-edge"))).GET().build();
    }
}
