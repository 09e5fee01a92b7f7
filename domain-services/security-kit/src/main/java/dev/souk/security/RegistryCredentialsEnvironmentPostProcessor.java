package dev.souk.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every Eureka client signs in at the registry: when {@code souk.registry.password} is set, the registry URL the app
 * ends up with ({@code eureka.client.service-url.defaultZone}, whether it comes from SOUK_EUREKA_URL, the app's own
 * file, service-kit's defaults or the config server) gets {@link RegistryCredentials} as its user info. One place
 * builds the URL, so no file repeats the credentials.
 */
public class RegistryCredentialsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String REGISTRY_URL = "eureka.client.service-url.defaultZone";
    static final String SOURCE = "soukRegistryCredentials";

    /**
     * Eureka classes that log the registry URLs, credentials included, at INFO (an unreachable registry, the peers of a
     * registry): quieter by default, so the password does not end up in the shipped logs.
     */
    static final List<String> URL_LOGGERS = List.of(
            "com.netflix.discovery.shared.transport.decorator.RedirectingEurekaHttpClient",
            "com.netflix.discovery.shared.resolver.ReloadingClusterResolver",
            "com.netflix.eureka.cluster.PeerEurekaNodes");

    /** Last: after the config data (config server included) and after service-kit's defaults. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String registryUrl = environment.getProperty(REGISTRY_URL);
        RegistryCredentials credentials = RegistryCredentials.from(environment);
        if (registryUrl == null || registryUrl.isBlank() || !credentials.configured()) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, Map.of(REGISTRY_URL, credentials.signIn(registryUrl))));
        Map<String, Object> quiet = new HashMap<>();
        URL_LOGGERS.forEach(logger -> quiet.put("logging.level." + logger, "warn"));
        // last: an app that sets these levels itself keeps them
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE + "Logging", quiet));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
