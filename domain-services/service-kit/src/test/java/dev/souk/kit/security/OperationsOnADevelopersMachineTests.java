package dev.souk.kit.security;

import dev.souk.kit.testing.ServiceTestSecurity;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.Base64;

import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The local stack opens operations endpoints for reading (profile local, SOUK_SECURITY_OPERATIONS_OPEN=true); changing
 * anything through them, and JMX over HTTP, still needs the admin there.
 */
@SoukServiceTest
@ActiveProfiles("local")
@TestPropertySource(locations = "classpath:kit-test.properties", properties = {
        "souk.security.operations-open=true",
        "souk.security.admin.user=ops", "souk.security.admin.password=ops-secret-123",
        "management.endpoints.web.exposure.include=health,info,metrics,loggers"})
class OperationsOnADevelopersMachineTests {

    @Autowired
    MockMvc mvc;

    @Test
    void anyoneMayReadOperationsEndpoints() throws Exception {
        mvc.perform(get("/actuator/metrics").with(anonymous())).andExpect(status().isOk());
        mvc.perform(get("/actuator/loggers/dev.souk").with(anonymous())).andExpect(status().isOk());
    }

    @Test
    void changingALogLevelNeedsTheAdmin() throws Exception {
        // when someone without sign-in, a customer, and the admin (token, then HTTP Basic) change a log level
        mvc.perform(debug().with(anonymous()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(debug().with(ServiceTestSecurity.customer("user-1")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(debug().with(ServiceTestSecurity.admin())).andExpect(status().isNoContent());
        mvc.perform(debug().with(anonymous()).with(request -> {
            request.addHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString("ops:ops-secret-123".getBytes()));
            return request;
        })).andExpect(status().isNoContent());

        // then only the admin's change took effect
        mvc.perform(get("/actuator/loggers/dev.souk.kit").with(anonymous()))
                .andExpect(jsonPath("$.configuredLevel").value("DEBUG"));
    }

    @Test
    void jmxOverHttpIsTheAdminsEvenForGet() throws Exception {
        mvc.perform(get("/actuator/jolokia/exec/java.lang:type=Memory/gc").with(anonymous()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void theApiStillNeedsAToken() throws Exception {
        mvc.perform(get("/api/widgets/w-1").with(anonymous())).andExpect(status().isUnauthorized());
    }

    private static MockHttpServletRequestBuilder debug() {
        return post("/actuator/loggers/dev.souk.kit").contentType(MediaType.APPLICATION_JSON).content("{\"configuredLevel\":\"DEBUG\"}");
    }
}
