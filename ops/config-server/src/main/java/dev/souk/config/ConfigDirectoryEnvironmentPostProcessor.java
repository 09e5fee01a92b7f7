package dev.souk.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Supplies {@code souk.config.dir} when neither {@code SOUK_CONFIG_DIR} nor the property is set: the
 * {@code ops/config} directory of the checkout the server is started from (found by walking up from the
 * working directory), so {@code java -jar ops/config-server/target/config-server.jar} works from the repo
 * root or any directory inside it.
 */
public class ConfigDirectoryEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY = "souk.config.dir";
    static final Path RELATIVE_CONFIG_DIR = Paths.get("ops", "config");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(PROPERTY)) {
            return;
        }
        Path workingDir = Paths.get(System.getProperty("user.dir"));
        Path configDir = findConfigDir(workingDir).orElse(workingDir.resolve(RELATIVE_CONFIG_DIR));
        environment.getPropertySources()
                .addLast(new MapPropertySource("soukConfigDirDefault", Map.of(PROPERTY, configDir.toString())));
    }

    static Optional<Path> findConfigDir(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_CONFIG_DIR);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
