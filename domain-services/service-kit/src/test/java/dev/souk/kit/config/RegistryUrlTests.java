package dev.souk.kit.config;

import dev.souk.security.RegistryCredentialsEnvironmentPostProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryUrlTests {

    @Test
    void aServiceSignsInAtTheRegistryTheKitDefaultsPointTo() {
        // given a service given only SOUK_EUREKA_URL and the registry password, as the local stack and production do
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("env", Map.of(
                "SOUK_EUREKA_URL", "http://registry.internal:8761/eureka",
                "souk.registry.password", "pw-1")));

        // when Spring Boot runs the environment post-processors in their order
        List<EnvironmentPostProcessor> processors = new ArrayList<>(List.of(
                new RegistryCredentialsEnvironmentPostProcessor(), new SoukDefaultsEnvironmentPostProcessor()));
        AnnotationAwareOrderComparator.sort(processors);
        processors.forEach(processor -> processor.postProcessEnvironment(environment, null));

        // then the kit's registry URL carries the apps' credentials
        assertThat(environment.getProperty("eureka.client.service-url.defaultZone"))
                .isEqualTo("http://souk-app:pw-1@registry.internal:8761/eureka");
    }
}
