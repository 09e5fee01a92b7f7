package dev.souk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RegistryCredentialsTests {

    private final RegistryCredentialsEnvironmentPostProcessor processor = new RegistryCredentialsEnvironmentPostProcessor();

    @Test
    void theRegistryUrlCarriesTheAppsCredentials() {
        // given SOUK_EUREKA_URL as every app has it, and the registry password
        StandardEnvironment environment = environment(Map.of(
                "eureka.client.service-url.defaultZone", "${SOUK_EUREKA_URL:http://localhost:8761/eureka}",
                "souk.registry.password", "s3cret-Pass"));

        // when
        processor.postProcessEnvironment(environment, null);

        // then the default user signs in, as the Eureka client reads the URL
        String url = environment.getProperty("eureka.client.service-url.defaultZone");
        assertThat(url).isEqualTo("http://souk-app:s3cret-Pass@localhost:8761/eureka");
        assertThat(URI.create(url).getUserInfo()).isEqualTo("souk-app:s3cret-Pass");
        // and the Eureka classes that would log that URL at INFO are quieter unless the app says otherwise
        assertThat(environment.getProperty("logging.level.com.netflix.discovery.shared.transport.decorator.RedirectingEurekaHttpClient"))
                .isEqualTo("warn");
    }

    @Test
    void everyRegistryOfAListSignsInAndSpecialCharactersSurviveTheUrl() {
        // given two registries and a password a URL would otherwise break on
        StandardEnvironment environment = environment(Map.of(
                "eureka.client.service-url.defaultZone", "http://registry-a:8761/eureka/, https://registry-b/eureka/",
                "souk.registry.user", "shop apps",
                "souk.registry.password", "p@ss/word?#%+"));

        // when
        processor.postProcessEnvironment(environment, null);

        // then
        String[] urls = environment.getProperty("eureka.client.service-url.defaultZone").split(",");
        assertThat(urls).hasSize(2);
        assertThat(URI.create(urls[0]).getUserInfo()).isEqualTo("shop apps:p@ss/word?#%+");
        assertThat(URI.create(urls[0]).getHost()).isEqualTo("registry-a");
        assertThat(URI.create(urls[1]).getUserInfo()).isEqualTo("shop apps:p@ss/word?#%+");
        assertThat(URI.create(urls[1]).getHost()).isEqualTo("registry-b");
    }

    @Test
    void aUrlThatNamesItsOwnUserKeepsIt() {
        // given
        StandardEnvironment environment = environment(Map.of(
                "eureka.client.service-url.defaultZone", "http://peer:other@registry:8761/eureka/",
                "souk.registry.password", "s3cret"));

        // when
        processor.postProcessEnvironment(environment, null);

        // then
        assertThat(environment.getProperty("eureka.client.service-url.defaultZone")).isEqualTo("http://peer:other@registry:8761/eureka/");
    }

    @Test
    void withoutAPasswordTheUrlStaysAsItIs() {
        // given a developer's registry without a password
        StandardEnvironment environment = environment(Map.of(
                "eureka.client.service-url.defaultZone", "http://localhost:8761/eureka"));

        // when
        processor.postProcessEnvironment(environment, null);

        // then
        assertThat(environment.getProperty("eureka.client.service-url.defaultZone")).isEqualTo("http://localhost:8761/eureka");
        assertThat(environment.getPropertySources().contains(RegistryCredentialsEnvironmentPostProcessor.SOURCE)).isFalse();
    }

    @Test
    void aColonInThePasswordIsRefusedBecauseTheAppsCouldNotSendIt() {
        // given
        StandardEnvironment environment = environment(Map.of(
                "eureka.client.service-url.defaultZone", "http://localhost:8761/eureka",
                "souk.registry.password", "half:half"));

        // when / then
        assertThatThrownBy(() -> processor.postProcessEnvironment(environment, null))
                .isInstanceOf(RefusedConfigurationException.class)
                .hasMessageContaining("contains ':'");
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(new RegistryCredentials("souk-app", "s3cret")).hasToString("RegistryCredentials[user=souk-app, password=(set)]");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
