package dev.souk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The local stack starts every app with SPRING_PROFILES_ACTIVE=local (plus postgres when asked for): the config
 * server still reads ops/config, because its native backend is included, not the one active profile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "souk.security.operations-open=true",
        "souk.security.admin.password=operator-secret-1"})
@ActiveProfiles("local")
class ConfigServerOnADevelopersMachineTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesOpsConfigUnderTheLocalProfile() throws Exception {
        // when an app asks for its configuration with its active profile
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/gateway/local"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("ops/config/gateway.yml", "ops/config/application.yml");
    }
}
