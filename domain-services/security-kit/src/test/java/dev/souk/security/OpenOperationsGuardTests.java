package dev.souk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class OpenOperationsGuardTests {

    private final OpenOperationsGuard guard = new OpenOperationsGuard();

    @Test
    void openOperationsOutsideTheLocalProfileRefuseToStartWithOneSentence() {
        // given an app told to open its operations endpoints, in production
        StandardEnvironment environment = environment(Map.of("souk.security.operations-open", "true"));
        environment.setActiveProfiles("postgres");

        // when / then
        assertThatThrownBy(() -> guard.postProcessEnvironment(environment, null))
                .isInstanceOf(RefusedConfigurationException.class)
                .hasMessageContaining("SOUK_SECURITY_OPERATIONS_OPEN=true")
                .hasMessageContaining("'local' profile is not active");
    }

    @Test
    void theEnvironmentVariableAloneIsEnoughToBeRefused() {
        // given only the variable, as an operator would set it
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                "env", Map.of("SOUK_SECURITY_OPERATIONS_OPEN", "true")));

        // when / then
        assertThatThrownBy(() -> guard.postProcessEnvironment(environment, null))
                .isInstanceOf(RefusedConfigurationException.class);
    }

    @Test
    void aDevelopersMachineMayOpenThem() {
        // given
        StandardEnvironment environment = environment(Map.of("souk.security.operations-open", "true"));
        environment.setActiveProfiles("postgres", OpenOperationsGuard.LOCAL_PROFILE);

        // when
        guard.postProcessEnvironment(environment, null);

        // then nothing is refused
        assertThat(OpenOperationsGuard.isLocal(environment)).isTrue();
    }

    @Test
    void closedOperationsStartAnywhere() {
        // given
        StandardEnvironment environment = environment(Map.of("souk.security.operations-open", "false"));

        // when
        guard.postProcessEnvironment(environment, null);

        // then
        assertThat(OpenOperationsGuard.isLocal(environment)).isFalse();
    }

    @Test
    void theOperatorReadsTheReasonAndTheFixInsteadOfAStackTrace() {
        // given
        RefusedConfigurationException refused = new RefusedConfigurationException("What is wrong.", "What to change.");

        // when
        FailureAnalysis analysis = new RefusedConfigurationFailureAnalyzer()
                .analyze(new IllegalStateException("Error creating bean", refused));

        // then
        assertThat(analysis.getDescription()).isEqualTo("What is wrong.");
        assertThat(analysis.getAction()).isEqualTo("What to change.");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
