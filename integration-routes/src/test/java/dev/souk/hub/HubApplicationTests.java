package dev.souk.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class HubApplicationTests extends HubTestSupport {

    @Autowired
    ProcessEngine engine;

    @Test
    void cockpitIsServedAndTheConfiguredAdminCanLogIn() throws Exception {
        // given a browser session on the welcome page (it hands out the CSRF token)
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> welcome = browser.send(HttpRequest.newBuilder(hub("/camunda/app/welcome/default/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(welcome.statusCode()).isEqualTo(200);
        String csrf = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow();

        // when the admin logs in to Cockpit with the configured password, and someone else with a wrong one
        HttpResponse<String> admin = browser.send(login(csrf, "admin", "test-admin-secret"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> intruder = browser.send(login(csrf, "admin", "guess"), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("\"userId\":\"admin\"").contains("cockpit");
        assertThat(intruder.statusCode()).isEqualTo(403);
    }

    @Test
    void engineRunsJobsAndKeepsActivityHistoryByDefault() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

        assertThat(configuration.getJobExecutor().isActive()).isTrue();
        assertThat(configuration.getHistoryLevel().getName()).isEqualTo("activity");
        assertThat(engine.getIdentityService().checkPassword("admin", "test-admin-secret")).isTrue();
    }

    @Test
    void hawtioShowsTheCamelRoutesToTheAdminOnly() throws Exception {
        String adminLogin = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:test-admin-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> console = get("/actuator/hawtio/", adminLogin);
        HttpResponse<String> routes = get("/actuator/jolokia/search/org.apache.camel:type=routes,*", adminLogin);

        assertThat(get("/actuator/hawtio/").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/jolokia/search/org.apache.camel:type=routes,*").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/jolokia/search/org.apache.camel:type=routes,*", customer("user-1")).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/hawtio/", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("admin:guess".getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);

        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).containsIgnoringCase("hawtio");
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body())
                .contains("name=\\\"catalog-product-with-availability\\\"")
                .contains("name=\\\"product-service-call\\\"")
                .contains("name=\\\"inventory-service-call\\\"");
    }

    @Test
    void aPageOfAnotherSiteCannotDriveTheEngineWithTheOperatorsSignIn() throws Exception {
        String adminLogin = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:test-admin-secret".getBytes(StandardCharsets.UTF_8));
        String correlate = "{\"messageName\":\"NoSuchMessage\",\"businessKey\":\"ord-none\"}";

        HttpResponse<String> crossSite = http.send(HttpRequest.newBuilder(hub("/engine-rest/message"))
                .header("Authorization", adminLogin).header("Origin", "https://evil.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(correlate)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> console = http.send(HttpRequest.newBuilder(hub("/engine-rest/message"))
                .header("Authorization", adminLogin).header("Origin", "http://localhost:" + port)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(correlate)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(crossSite.body()).contains("\"code\":\"ORIGIN_NOT_ALLOWED\"");
        // the engine itself answers the console's own request: nothing waits for that message
        assertThat(console.statusCode()).as(console.body()).isEqualTo(400);
        assertThat(console.body()).contains("NoSuchMessage");
    }

    @Test
    void healthIsPublicAndMetricsAreForTheAdmin() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        HttpResponse<String> prometheus = get("/actuator/prometheus", admin());

        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(get("/engine-rest/process-definition").statusCode()).isEqualTo(401);
        assertThat(get("/engine-rest/process-definition", admin()).statusCode()).isEqualTo(200);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("application=\"integration-hub\"");
    }

    @Test
    void theOrderApiIsDocumentedWhereEveryServiceDocumentsItself() throws Exception {
        HttpResponse<String> document = get("/api/orders/v3/api-docs");
        HttpResponse<String> swaggerUi = get("/api/orders/swagger-ui/index.html");
        HttpResponse<String> initializer = get("/api/orders/swagger-ui/swagger-initializer.js");

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("\"/api/orders/{id}/confirm\"").contains("PAYMENT_DECLINED");
        assertThat(swaggerUi.statusCode()).isEqualTo(200);
        assertThat(swaggerUi.body()).contains("swagger-ui-bundle.js");
        assertThat(initializer.body()).contains("/api/orders/v3/api-docs");
        assertThat(get("/api/cart/v3/api-docs").body()).contains("\"/api/cart/checkout\"");
        assertThat(get("/api/cart/swagger-ui/swagger-initializer.js").body()).contains("/api/cart/v3/api-docs");
        // only the APIs the hub serves are documented here
        HttpResponse<String> other = get("/api/users/v3/api-docs");
        assertThat(other.statusCode()).isIn(401, 404);
        assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    private HttpRequest login(String csrf, String username, String password) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(hub("/camunda/api/admin/auth/user/default/login/cockpit"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
    }
}
