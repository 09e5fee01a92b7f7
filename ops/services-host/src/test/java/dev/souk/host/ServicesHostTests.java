package dev.souk.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two services in one JVM stay two apps: each has its own port, name, configuration, database and schema, answers
 * its own API, and a service that cannot start is named with its reason.
 */
class ServicesHostTests {

    /** No registry, config server or broker in this test; every service on a free port. */
    private static final String[] ARGS = {"--server.port=0", "--eureka.client.enabled=false",
            "--spring.cloud.config.enabled=false", "--spring.cloud.config.import-check.enabled=false",
            "--souk.outbox.relay.enabled=false", "--souk.security.revocations.enabled=false",
            "--souk.security.jwks-uri=http://127.0.0.1:9/jwks.json"};

    private final ServicesHost host = new ServicesHost();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        host.stop();
    }

    @Test
    void eachHostedServiceIsItsOwnApplication() throws Exception {
        // when
        String failure = host.start(List.of("user-service", "product-service"), ARGS, 2);

        // then
        assertThat(failure).isNull();
        ConfigurableApplicationContext users = host.running().get("user-service");
        ConfigurableApplicationContext products = host.running().get("product-service");
        assertThat(users.getEnvironment().getProperty("spring.application.name")).isEqualTo("user-service");
        assertThat(products.getEnvironment().getProperty("spring.application.name")).isEqualTo("product-service");
        assertThat(users.getEnvironment().getProperty("souk.service.base-path")).isEqualTo("/api/users");
        assertThat(products.getEnvironment().getProperty("souk.service.base-path")).isEqualTo("/api/products");
        // each on its own database, with only its own schema
        assertThat(users.getEnvironment().getProperty("spring.datasource.url")).contains("/user-service/");
        assertThat(Files.exists(Path.of(dataDir(), "user-service"))).isTrue();
        assertThat(Files.exists(Path.of(dataDir(), "product-service"))).isTrue();
        // and its own web server: the catalog is product-service's, the OpenAPI document too
        assertThat(get(products, "/api/products").statusCode()).isEqualTo(200);
        assertThat(get(users, "/api/products").statusCode()).isEqualTo(401);
        assertThat(get(users, "/api/users/v3/api-docs").body()).contains("Souk user-service");
        assertThat(get(products, "/actuator/health").body()).contains("\"status\":\"UP\"");
    }

    @Test
    void aServiceThatCannotStartIsNamedWithItsReason() {
        // given a setting the auth-service refuses
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(ARGS),
                java.util.stream.Stream.of("--souk.auth.admin.email=admin@souk.dev", "--souk.auth.admin.password=short"))
                .toArray(String[]::new);

        // when
        String failure = host.start(List.of("auth-service"), args, 1);

        // then
        assertThat(failure).startsWith("auth-service did not start: ").contains("password policy").doesNotContain("\tat ");
    }

    @Test
    void unknownServicesAreRefusedByName() {
        assertThat(ServicesHost.chosen(" user-service ,product-service")).containsExactly("user-service", "product-service");
        assertThat(ServicesHost.chosen(null)).hasSize(ServicesHost.SERVICES.size());
        assertThatThrownBy(() -> ServicesHost.chosen("user-service,billing-service"))
                .hasMessageContaining("billing-service");
    }

    private HttpResponse<String> get(ConfigurableApplicationContext app, String path) throws Exception {
        int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String dataDir() {
        return System.getenv().getOrDefault("SOUK_DATA_DIR", "./data");
    }
}
