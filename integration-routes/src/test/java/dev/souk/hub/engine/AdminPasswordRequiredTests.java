package dev.souk.hub.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class AdminPasswordRequiredTests {

    @Test
    void startupStopsWhenTheAdminPasswordIsNotConfigured() {
        // given the main configuration's placeholder with no SOUK_ADMIN_PASSWORD behind it
        AdminPasswordRequired check = new AdminPasswordRequired();
        check.setEnvironment(new MockEnvironment().withProperty(AdminPasswordRequired.PROPERTY, "${SOUK_ADMIN_PASSWORD}"));

        // when / then
        assertThatThrownBy(() -> check.postProcessBeanFactory(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SOUK_ADMIN_PASSWORD");
    }

    @Test
    void startupGoesOnWithAConfiguredPassword() {
        AdminPasswordRequired check = new AdminPasswordRequired();
        check.setEnvironment(new MockEnvironment()
                .withProperty("SOUK_ADMIN_PASSWORD", "s3cret")
                .withProperty(AdminPasswordRequired.PROPERTY, "${SOUK_ADMIN_PASSWORD}"));

        assertThatCode(() -> check.postProcessBeanFactory(null)).doesNotThrowAnyException();
    }
}
