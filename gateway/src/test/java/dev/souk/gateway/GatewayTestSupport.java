package dev.souk.gateway;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * What every gateway test starts from: a gateway on a random port whose service {@code test-upstream} is one
 * {@link TestUpstream} shared by all gateway tests (it stops with the test JVM), and a client to call it.
 */
abstract class GatewayTestSupport {

    static final TestUpstream UPSTREAM = TestUpstream.shared();

    protected final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void testUpstream(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.test-upstream[0].uri", UPSTREAM::baseUri);
    }
}
