package dev.souk.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.souk.security.RefusedConfigurationException;

/** When the registry starts, and how open it is, by where it runs: production, or a developer's machine. */
class RegistryStartupTests {

    @Test
    void withoutTheAppsPasswordTheRegistryRefusesToStart() {
        // given a production registry that was not given SOUK_REGISTRY_PASSWORD

        // when / then
        assertThatThrownBy(() -> start("--souk.security.admin.password=" + RegistryHttp.ADMIN_PASSWORD).close())
                .hasRootCauseInstanceOf(RefusedConfigurationException.class)
                .rootCause().hasMessageContaining("SOUK_REGISTRY_PASSWORD");
    }

    @Test
    void theAppsCannotShareTheAdminsName() {
        assertThatThrownBy(() -> start("--souk.security.admin.password=" + RegistryHttp.ADMIN_PASSWORD,
                "--souk.registry.password=" + RegistryHttp.APP_PASSWORD, "--souk.registry.user=admin").close())
                .hasRootCauseInstanceOf(RefusedConfigurationException.class)
                .rootCause().hasMessageContaining("SOUK_REGISTRY_USER");
    }

    @Test
    void onTheLocalStackTheDashboardIsOpenButTheRegistryApiStillNeedsTheApps() {
        // given a developer's machine as the local stack sets it up: local profile, open operations, a password per run
        try (ConfigurableApplicationContext registry = start("--spring.profiles.active=local",
                "--souk.security.operations-open=true", "--souk.security.admin.password=" + RegistryHttp.ADMIN_PASSWORD,
                "--souk.registry.password=" + RegistryHttp.APP_PASSWORD)) {
            RegistryHttp http = new RegistryHttp(port(registry));

            // when / then reads of the dashboard are open, changes and the registry API are not
            assertThat(http.get("/", null).statusCode()).isEqualTo(200);
            assertThat(http.get("/eureka/css/wro.css", null).statusCode()).isEqualTo(200);
            assertThat(http.get("/eureka/apps", null).statusCode()).isEqualTo(401);
            assertThat(http.register(null).statusCode()).isEqualTo(401);
            assertThat(http.register(RegistryHttp.APP).statusCode()).isEqualTo(204);
            assertThat(http.send("POST", "/actuator/loggers/dev.souk", null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aDevelopersRegistryWithoutAPasswordStartsOpenAsBefore() {
        // given a developer running the registry alone, without a password
        try (ConfigurableApplicationContext registry = start("--spring.profiles.active=local")) {
            RegistryHttp http = new RegistryHttp(port(registry));

            // when / then
            assertThat(http.register(null).statusCode()).isEqualTo(204);
            assertThat(http.get("/eureka/apps/PROBE", null).statusCode()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(ServiceRegistryApplication.class)
                .run(concat(args, "--server.port=0", "--logging.structured.format.console="));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
