package dev.souk.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.auth.account.Accounts;
import dev.souk.auth.token.Sessions;
import dev.souk.kit.problem.ApiException;
import dev.souk.kit.testing.Concurrently;
import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.security.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.souk.auth.AuthApiTests.PASSWORD;
import static dev.souk.auth.AuthApiTests.newEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Failed logins slow down further attempts for the same email, known or not, and never lock it for good. */
@SoukServiceTest
@Import(LoginThrottleTests.Time.class)
@TestPropertySource(properties = {
        "souk.auth.bcrypt-strength=4",
        "souk.auth.key-dir=target/test-data/auth-keys/${random.uuid}",
})
class LoginThrottleTests {

    private static final String WRONG = "not the password 1";

    @TestConfiguration(proxyBeanMethods = false)
    static class Time {
        @Bean
        MovableClock clock() {
            return new MovableClock();
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    MovableClock clock;
    @Autowired
    Accounts accounts;
    @Autowired
    Sessions sessions;

    @Test
    void afterFiveFailuresTheNextAttemptWaitsAndItsPasswordIsNotChecked() throws Exception {
        // given a customer whose password was guessed wrong five times
        String email = registered();
        for (int i = 0; i < 5; i++) {
            login(email, WRONG).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("INVALID_CREDENTIALS"));
        }

        // when the right password comes within the second, then it is refused unchecked, with when to come back
        login(email, PASSWORD).andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("LOGIN_THROTTLED"))
                .andExpect(jsonPath("$.type").value("https://souk.dev/problems/login-throttled"))
                .andExpect(header().string("Retry-After", "1"));
        // (another email is not slowed down)
        login(registered(), PASSWORD).andExpect(status().isOk());

        // when the wait is over, then the right password works, and the count starts afresh
        clock.advance(Duration.ofSeconds(1));
        login(email, PASSWORD).andExpect(status().isOk());
        for (int i = 0; i < 4; i++) {
            login(email, WRONG).andExpect(status().isUnauthorized());
        }
        login(email, PASSWORD).andExpect(status().isOk());
    }

    @Test
    void everyFurtherFailureDoublesTheWaitUpToFifteenMinutes() throws Exception {
        // given an email with five failed logins
        String email = registered();
        for (int i = 0; i < 5; i++) {
            login(email, WRONG).andExpect(status().isUnauthorized());
        }

        // when a guesser fails again each time the wait is over
        List<String> waits = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            String wait = login(email, WRONG).andExpect(status().isTooManyRequests()).andReturn().getResponse().getHeader("Retry-After");
            waits.add(wait);
            clock.advance(Duration.ofSeconds(Long.parseLong(wait)));
            login(email, WRONG).andExpect(status().isUnauthorized());
        }

        // then each wait is twice the one before, until fifteen minutes
        assertThat(waits).containsExactly("1", "2", "4", "8", "16", "32", "64", "128", "256", "512", "900", "900", "900");
        // and the owner gets in once the last wait is over
        clock.advance(Duration.ofMinutes(15));
        login(email, PASSWORD).andExpect(status().isOk());
    }

    @Test
    void anEmailWithoutAnAccountIsThrottledAlikeSoTheAnswersRevealNothing() throws Exception {
        // given five failures for an account and for an email that has none
        String known = registered();
        String unknown = newEmail();
        for (int i = 0; i < 5; i++) {
            login(known, WRONG).andExpect(status().isUnauthorized());
            login(unknown, WRONG).andExpect(status().isUnauthorized());
        }

        // when both are tried again, then both answers are the same
        MvcResult forKnown = login(known, WRONG).andExpect(status().isTooManyRequests()).andReturn();
        MvcResult forUnknown = login(unknown, WRONG).andExpect(status().isTooManyRequests()).andReturn();
        assertThat(forUnknown.getResponse().getHeader("Retry-After")).isEqualTo(forKnown.getResponse().getHeader("Retry-After"));
        JsonNode knownProblem = json.readTree(forKnown.getResponse().getContentAsString());
        JsonNode unknownProblem = json.readTree(forUnknown.getResponse().getContentAsString());
        assertThat(unknownProblem.get("detail")).isEqualTo(knownProblem.get("detail"));
        assertThat(unknownProblem.get("code")).isEqualTo(knownProblem.get("code"));
    }

    @Test
    void guessesSentAllAtOnceAreCountedOneByOne() throws Exception {
        // given an account
        String email = registered();

        // when twenty wrong passwords arrive at the same moment
        List<String> outcomes = Concurrently.runTogether(20, () -> {
            try {
                sessions.login(email.toUpperCase(), WRONG);
                return "LOGGED_IN";
            } catch (ApiException refused) {
                return refused.code();
            }
        });

        // then only five of them had their password checked
        assertThat(outcomes).filteredOn("INVALID_CREDENTIALS"::equals).hasSize(5);
        assertThat(outcomes).filteredOn("LOGIN_THROTTLED"::equals).hasSize(15);
    }

    private String registered() {
        String email = newEmail();
        accounts.register(email, PASSWORD, "Jane Doe");
        return email;
    }

    private ResultActions login(String email, String password) throws Exception {
        return mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("email", email, "password", password))));
    }
}
