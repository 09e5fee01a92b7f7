package dev.souk.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "souk.security.admin.password=operator-secret-1")
class ServiceRegistryApplicationTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesAnEmptyRegistryAndReportsHealthUp() throws Exception {
        // given a fresh registry that does not register itself

        // when
        HttpResponse<String> apps = get("/eureka/apps");
        HttpResponse<String> health = get("/actuator/health");

        // then
        assertThat(apps.statusCode()).isEqualTo(200);
        assertThat(apps.body()).contains("\"applications\"").doesNotContain("SERVICE-REGISTRY");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void theDashboardIsForTheOperatorWhileAppsStillRegister() throws Exception {
        String register = """
                {"instance":{"instanceId":"probe:1","hostName":"localhost","app":"PROBE","ipAddr":"127.0.0.1",
                 "status":"UP","port":{"$":1,"@enabled":"true"},"dataCenterInfo":{"@class":
                 "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}""";

        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/eureka/apps/PROBE"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(register)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(registered.statusCode()).isEqualTo(204);
        assertThat(get("/").statusCode()).isEqualTo(401);
        assertThat(get("/", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:guess".getBytes())).statusCode())
                .isEqualTo(401);
        HttpResponse<String> dashboard = get("/", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:operator-secret-1".getBytes()));
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("PROBE");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
