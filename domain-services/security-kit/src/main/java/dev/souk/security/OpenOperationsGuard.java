package dev.souk.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Operations endpoints readable without sign-in ({@code souk.security.operations-open}) belong on a developer's
 * machine, which the {@value #LOCAL_PROFILE} profile marks (the local stack activates it for every app). Anywhere else
 * an app told to open them refuses to start, so one stray {@code SOUK_SECURITY_OPERATIONS_OPEN=true} cannot expose
 * metrics, configuration, the engine API or Hawtio in production.
 *
 * <p>Checked on the environment, before any bean exists: every app that has security-kit gets the check, and nothing
 * starts listening before it.
 */
public class OpenOperationsGuard implements EnvironmentPostProcessor, Ordered {

    /** The profile of a developer's machine. */
    public static final String LOCAL_PROFILE = "local";

    static final String OPERATIONS_OPEN = "souk.security.operations-open";

    public static boolean isLocal(Environment environment) {
        return environment.matchesProfiles(LOCAL_PROFILE);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean open = Binder.get(environment).bind(OPERATIONS_OPEN, Boolean.class).orElse(false);
        if (open && !isLocal(environment)) {
            throw new RefusedConfigurationException(
                    "Operations endpoints are open without sign-in (SOUK_SECURITY_OPERATIONS_OPEN=true) but the '"
                            + LOCAL_PROFILE + "' profile is not active, and open operations are for a developer's machine only.",
                    "Remove SOUK_SECURITY_OPERATIONS_OPEN (the operator then signs in with SOUK_ADMIN_USER / SOUK_ADMIN_PASSWORD); "
                            + "on a developer's machine run with SPRING_PROFILES_ACTIVE=" + LOCAL_PROFILE + ", as the local stack does.");
        }
    }

    /** After the config data, so the profiles and every source of the setting are known. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
