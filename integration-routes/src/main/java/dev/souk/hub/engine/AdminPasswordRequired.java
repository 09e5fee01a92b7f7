package dev.souk.hub.engine;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start without an admin password. Configuration binding leaves an unresolved
 * {@code ${SOUK_ADMIN_PASSWORD}} as literal text, so without this check the engine would
 * create the Cockpit admin with that text as its password. Runs before any bean (the engine
 * creates the admin user while it is built).
 */
@Component
class AdminPasswordRequired implements BeanFactoryPostProcessor, EnvironmentAware {

    static final String PROPERTY = "camunda.bpm.admin-user.password";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String password;
        try {
            password = environment.getProperty(PROPERTY);
        } catch (IllegalArgumentException unresolved) {
            password = null;
        }
        if (password == null || password.isBlank() || password.contains("${")) {
            throw new IllegalStateException("No Cockpit admin password: set SOUK_ADMIN_PASSWORD (or " + PROPERTY + ")");
        }
    }
}
