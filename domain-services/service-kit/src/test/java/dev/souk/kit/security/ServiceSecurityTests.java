package dev.souk.kit.security;

import dev.souk.kit.testing.ServiceTestSecurity;
import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.security.testing.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.util.stream.Stream;

import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What every service gets from the kit: no valid token, no access; probes and docs stay public. */
@SoukServiceTest
@TestPropertySource(locations = "classpath:kit-test.properties", properties = {
        "souk.security.admin.user=ops", "souk.security.admin.password=ops-secret-123"})
class ServiceSecurityTests {

    @Autowired
    MockMvc mvc;

    @Test
    void aDirectCallWithoutATokenIs401ProblemJsonWithABearerChallenge() throws Exception {
        mvc.perform(get("/api/widgets/w-1").with(anonymous()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"))
                .andExpect(jsonPath("$.status").value(401));
    }

    @Test
    void aValidTokenOfAnyRoleReachesAnEndpointWithoutRules() throws Exception {
        mvc.perform(get("/api/widgets/w-1").with(ServiceTestSecurity.customer("user-1")))
                .andExpect(status().isOk());
    }

    static Stream<Arguments> refusedTokens() {
        Stream<Arguments> refused = TestTokens.refused().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
        return refused;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void everyBadTokenIs401AndChangesNothing(String kind, String token) throws Exception {
        mvc.perform(post("/api/widgets").with(as(token)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"quantity\":1}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("invalid_token")))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"))
                .andExpect(jsonPath("$.detail", not(containsString(token.substring(0, 20)))));
    }

    @Test
    void probesAndApiDocsArePublic() throws Exception {
        mvc.perform(get("/actuator/health").with(anonymous())).andExpect(status().isOk());
        mvc.perform(get("/api/widgets/v3/api-docs").with(anonymous())).andExpect(status().isOk());
    }

    @Test
    void operationsEndpointsNeedTheAdmin() throws Exception {
        mvc.perform(get("/actuator/metrics").with(anonymous()))
                .andExpect(status().isUnauthorized())
                .andExpect(header().stringValues("WWW-Authenticate", org.hamcrest.Matchers.hasItem(containsString("Basic"))));
        mvc.perform(get("/actuator/metrics").with(ServiceTestSecurity.customer("user-1")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(get("/actuator/metrics").with(anonymous()).with(r -> {
                    r.addHeader("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("ops:wrong".getBytes()));
                    return r;
                }))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/metrics").with(anonymous()).with(r -> {
                    r.addHeader("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("ops:ops-secret-123".getBytes()));
                    return r;
                }))
                .andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics").with(ServiceTestSecurity.admin())).andExpect(status().isOk());
    }

    @Test
    void responsesCarrySecurityHeaders() throws Exception {
        mvc.perform(get("/api/widgets/w-1"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "SAMEORIGIN"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"));
    }
}
