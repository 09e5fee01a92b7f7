package dev.souk.registry;

import static dev.souk.registry.RegistryHttp.ADMIN;
import static dev.souk.registry.RegistryHttp.APP;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "souk.security.admin.password=" + RegistryHttp.ADMIN_PASSWORD,
        "souk.registry.password=" + RegistryHttp.APP_PASSWORD})
class ServiceRegistryApplicationTests {

    @LocalServerPort
    int port;

    RegistryHttp http;

    @BeforeEach
    void client() {
        http = new RegistryHttp(port);
    }

    @Test
    void servesAnEmptyRegistryToTheAppsAndReportsHealthUp() {
        // given a fresh registry that does not register itself

        // when
        HttpResponse<String> apps = http.get("/eureka/apps", APP);
        HttpResponse<String> health = http.get("/actuator/health", null);

        // then
        assertThat(apps.statusCode()).isEqualTo(200);
        assertThat(apps.body()).contains("\"applications\"").doesNotContain("SERVICE-REGISTRY");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    static Stream<Arguments> registryCalls() {
        return Stream.of(
                Arguments.of("register", (Function<Call, HttpResponse<String>>) c -> c.http.register(c.authorization)),
                Arguments.of("heartbeat", call("PUT", "/eureka/apps/PROBE/probe:1")),
                Arguments.of("take out of service", call("PUT", "/eureka/apps/PROBE/probe:1/status?value=OUT_OF_SERVICE")),
                Arguments.of("remove", call("DELETE", "/eureka/apps/PROBE/probe:1")),
                Arguments.of("read the registry", call("GET", "/eureka/apps")),
                Arguments.of("read one app", call("GET", "/eureka/apps/PROBE")),
                Arguments.of("read the changes", call("GET", "/eureka/apps/delta")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registryCalls")
    void aStrangerCannotTouchOrReadTheRegistry(String what, Function<Call, HttpResponse<String>> request) {
        // given an instance the gateway would route to
        assertThat(http.register(APP).statusCode()).isEqualTo(204);

        // when someone without the apps' credentials, or with a wrong password, calls the registry API
        HttpResponse<String> anonymous = request.apply(new Call(http, null));
        HttpResponse<String> guessed = request.apply(new Call(http, RegistryHttp.basic("souk-app", "guess")));

        // then both are refused as problem+json, and the instance is still there and UP
        for (HttpResponse<String> refused : List.of(anonymous, guessed)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("\"code\":\"UNAUTHENTICATED\"");
        }
        HttpResponse<String> probe = http.get("/eureka/apps/PROBE", APP);
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void theAppsRegisterRenewChangeStatusAndLeaveWithTheirCredentials() {
        // when an app goes through its lifecycle, signed in as the apps, without any CSRF token
        HttpResponse<String> registered = http.register(APP);
        HttpResponse<String> renewed = http.send("PUT", "/eureka/apps/PROBE/probe:1", APP);
        HttpResponse<String> outOfService = http.send("PUT", "/eureka/apps/PROBE/probe:1/status?value=OUT_OF_SERVICE", APP);
        String whileOut = http.get("/eureka/apps/PROBE", APP).body();
        HttpResponse<String> removed = http.send("DELETE", "/eureka/apps/PROBE/probe:1", APP);

        // then
        assertThat(registered.statusCode()).isEqualTo(204);
        assertThat(renewed.statusCode()).isEqualTo(200);
        assertThat(outOfService.statusCode()).isEqualTo(200);
        assertThat(whileOut).contains("OUT_OF_SERVICE");
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(http.get("/eureka/apps/PROBE", APP).statusCode()).isEqualTo(404);
    }

    @Test
    void theDashboardIsTheOperatorsNotTheApps() {
        // given a registered app
        assertThat(http.register(APP).statusCode()).isEqualTo(204);

        // when
        HttpResponse<String> anonymous = http.get("/", null);
        HttpResponse<String> guessed = http.get("/", RegistryHttp.basic("admin", "guess"));
        HttpResponse<String> app = http.get("/", APP);
        HttpResponse<String> dashboard = http.get("/", ADMIN);

        // then
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(guessed.statusCode()).isEqualTo(401);
        assertThat(app.statusCode()).isEqualTo(403);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("PROBE");
        assertThat(http.get("/eureka/css/wro.css", ADMIN).statusCode()).isEqualTo(200);
        assertThat(http.get("/eureka/css/wro.css", null).statusCode()).isEqualTo(401);
        // the operator may also act on the registry by hand, e.g. take an instance out
        assertThat(http.get("/eureka/apps", ADMIN).statusCode()).isEqualTo(200);
    }

    record Call(RegistryHttp http, String authorization) {
    }

    private static Function<Call, HttpResponse<String>> call(String method, String path) {
        return c -> "GET".equals(method) ? c.http.get(path, c.authorization) : c.http.send(method, path, c.authorization);
    }
}
