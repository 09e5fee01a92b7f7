package dev.souk.kit.config;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Before any configuration file is read: an application whose class carries {@link SoukService} reads
 * {@code <name>.yml} instead of {@code application.yml} (unless {@code spring.config.name} is set explicitly), and
 * knows its name before the config server is asked for its configuration.
 */
public class ServiceConfigNameEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "soukServiceName";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String name = serviceName(application);
        if (name == null || environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        Map<String, Object> defaults = new java.util.HashMap<>();
        if (!environment.containsProperty("spring.config.name")) {
            defaults.put("spring.config.name", name);
        }
        defaults.put("spring.application.name", name);
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }

    static String serviceName(SpringApplication application) {
        for (Object source : application.getAllSources()) {
            if (source instanceof Class<?> type) {
                SoukService service = AnnotatedElementUtils.findMergedAnnotation(type, SoukService.class);
                if (service != null) {
                    return service.value();
                }
            }
        }
        return null;
    }

    /** Before the configuration files are located. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }
}
