package dev.souk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ConfigDirectoryEnvironmentPostProcessorTests {

    @TempDir
    Path checkout;

    @Test
    void findsOpsConfigOfTheEnclosingCheckoutFromANestedDirectory() throws Exception {
        // given
        Path configDir = Files.createDirectories(checkout.resolve("ops/config"));
        Path nested = Files.createDirectories(checkout.resolve("domain-services/user-service"));

        // when / then
        assertThat(ConfigDirectoryEnvironmentPostProcessor.findConfigDir(nested)).contains(configDir);
    }

    @Test
    void findsNothingOutsideACheckout() throws Exception {
        Path elsewhere = Files.createDirectories(checkout.resolve("elsewhere"));

        assertThat(ConfigDirectoryEnvironmentPostProcessor.findConfigDir(elsewhere)
                .filter(dir -> dir.startsWith(checkout))).isEmpty();
    }

    @Test
    void anExplicitDirectoryWins() {
        // given SOUK_CONFIG_DIR (or the property) is set
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(
                new MapPropertySource("explicit", Map.of("souk.config.dir", "/srv/souk/config")));

        // when
        new ConfigDirectoryEnvironmentPostProcessor().postProcessEnvironment(environment, null);

        // then
        assertThat(environment.getProperty("souk.config.dir")).isEqualTo("/srv/souk/config");
    }
}
