package dev.souk.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Eureka client signs in with the credentials security-kit puts into its registry URL: here the registry's own
 * client registers the registry with itself, given nothing but the plain URL and the password, as every app is.
 */
class RegistryClientSignInTests {

    @Test
    void anAppGivenThePlainUrlAndThePasswordRegisters() throws IOException {
        // given the settings every app gets: SOUK_EUREKA_URL as it is, and the apps' password
        int port = freePort();
        try (ConfigurableApplicationContext registry = new SpringApplicationBuilder(ServiceRegistryApplication.class).run(
                "--server.port=" + port,
                "--eureka.client.service-url.defaultZone=http://localhost:" + port + "/eureka/",
                "--souk.registry.password=" + RegistryHttp.APP_PASSWORD,
                "--souk.security.admin.password=" + RegistryHttp.ADMIN_PASSWORD,
                "--eureka.client.register-with-eureka=true",
                "--eureka.client.fetch-registry=true",
                "--eureka.client.initial-instance-info-replication-interval-seconds=1",
                "--eureka.client.registry-fetch-interval-seconds=1",
                "--logging.structured.format.console=")) {

            // when the client has started, then its URL carries the credentials and the registry lists it
            assertThat(registry.getEnvironment().getProperty("eureka.client.service-url.defaultZone"))
                    .isEqualTo("http://souk-app:" + RegistryHttp.APP_PASSWORD + "@localhost:" + port + "/eureka/");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(new RegistryHttp(port).get("/eureka/apps/SERVICE-REGISTRY", RegistryHttp.APP).statusCode())
                            .isEqualTo(200));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
