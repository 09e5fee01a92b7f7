package dev.souk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Serves the repository's real {@code ops/config} files, found by walking up from the module directory
 * the way the server finds them when started from anywhere inside a checkout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "souk.config.client.password=client-secret-1",
        "souk.security.admin.password=operator-secret-1"})
class ConfigServerApplicationTests {

    private static final String APP = basic("config-client", "client-secret-1");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesSharedAndPerAppSettingsFromOpsConfig() throws Exception {
        // when the gateway asks for its configuration
        HttpResponse<String> response = get("/gateway/default");

        // then it gets its own file first, then the shared one
        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        assertThat(body.indexOf("ops/config/gateway.yml")).isPositive();
        assertThat(body.indexOf("ops/config/application.yml")).isGreaterThan(body.indexOf("ops/config/gateway.yml"));
        assertThat(body).contains("spring.kafka.bootstrap-servers", "${SOUK_KAFKA_BOOTSTRAP:localhost:9092}");
    }

    @Test
    void appsWithoutTheirOwnFileStillGetTheSharedSettings() throws Exception {
        HttpResponse<String> response = get("/some-future-service/default");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("ops/config/application.yml", "eureka.client.registry-fetch-interval-seconds");
    }

    @Test
    void onlyTheAppsAndTheOperatorReadConfiguration() throws Exception {
        assertThat(get("/gateway/default", null).statusCode()).isEqualTo(401);
        assertThat(get("/gateway/default", basic("config-client", "guess")).statusCode()).isEqualTo(401);
        assertThat(get("/gateway/default", basic("admin", "operator-secret-1")).statusCode()).isEqualTo(200);
        // the apps' user reads configuration, not the operations endpoints
        assertThat(get("/actuator/env", APP).statusCode()).isEqualTo(403);
    }

    @Test
    void reportsHealthUp() throws Exception {
        HttpResponse<String> response = get("/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, APP);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
