package dev.souk.kit.config;

import org.springframework.boot.DefaultPropertiesPropertySource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives every service the same safe defaults (datasource, Kafka producer, actuator, registry, OpenAPI paths,
 * error rendering) at the lowest precedence, so a service's own file, the config server and environment
 * variables all override them.
 */
public class SoukDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String DEFAULTS = "souk-kit-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            Map<String, Object> defaults = new HashMap<>();
            PropertiesLoaderUtils.loadProperties(new ClassPathResource(DEFAULTS))
                    .forEach((key, value) -> defaults.put(key.toString(), value));
            DefaultPropertiesPropertySource.addOrMerge(defaults, environment.getPropertySources());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DEFAULTS, e);
        }
    }
}
