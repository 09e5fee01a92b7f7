package dev.souk.kit.config;

import dev.souk.security.RegistryCredentialsEnvironmentPostProcessor;
import org.springframework.boot.DefaultPropertiesPropertySource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
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
public class SoukDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULTS = "souk-kit-defaults.properties";
    static final String POSTGRES_DEFAULTS = "souk-kit-postgres-defaults.properties";
    static final String POSTGRES_PROFILE = "postgres";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        // the postgres profile's values win over the embedded ones, so they are loaded last
        load(DEFAULTS, defaults);
        if (environment.matchesProfiles(POSTGRES_PROFILE)) {
            load(POSTGRES_DEFAULTS, defaults);
            String applicationName = environment.getProperty("spring.application.name", "souk");
            defaults.put("souk.db.name", "souk_" + applicationName.replace("-service", "").replace('-', '_'));
        }
        DefaultPropertiesPropertySource.addOrMerge(defaults, environment.getPropertySources());
    }

    private static void load(String resource, Map<String, Object> into) {
        try {
            PropertiesLoaderUtils.loadProperties(new ClassPathResource(resource))
                    .forEach((key, value) -> into.put(key.toString(), value));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /**
     * After the config data (application.yml, profiles) is loaded, so active profiles are known; before security-kit
     * adds the registry credentials to the registry URL, which may be the one defined here.
     */
    @Override
    public int getOrder() {
        return RegistryCredentialsEnvironmentPostProcessor.ORDER - 1;
    }
}
