package dev.souk.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.security.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Duration;
import java.util.Map;

import static dev.souk.auth.AuthApiTests.PASSWORD;
import static dev.souk.auth.AuthApiTests.newEmail;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Registrations are limited per client address, also for calls that do not come through the gateway. */
@SoukServiceTest
@TestPropertySource(properties = {
        "souk.auth.bcrypt-strength=4",
        "souk.auth.key-dir=target/test-data/auth-keys/${random.uuid}",
        "souk.auth.register-limit.attempts=3",
        "souk.auth.register-limit.window=10m",
        "souk.auth.register-limit.trusted-proxies=10.0.0.0/24",
})
class RegistrationLimitTests {

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

    @Test
    void anAddressRegistersAFewTimesPerWindowAndThenWaits() throws Exception {
        // given an address that registered twice, and tried an email that is taken (still a 409)
        String address = "203.0.113.7";
        String taken = newEmail();
        register(from(address), taken).andExpect(status().isCreated());
        register(from(address), newEmail()).andExpect(status().isCreated());
        register(from(address), taken).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("EMAIL_TAKEN"));

        // when it registers again, then it is told to wait for the rest of its window
        register(from(address), newEmail()).andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("RATE_LIMITED"))
                .andExpect(header().string("Retry-After", "600"));
        // (another address is not)
        register(from("198.51.100.200"), newEmail()).andExpect(status().isCreated());

        // when the window is over, then it may register again
        clock.advance(Duration.ofMinutes(10));
        register(from(address), newEmail()).andExpect(status().isCreated());
    }

    @Test
    void behindTheGatewayTheClientIsTheLastForwardedAddress() throws Exception {
        // given clients behind the gateway (on loopback, or in the configured range), which appends the client it saw
        String client = "192.0.2.10";
        for (int i = 0; i < 3; i++) {
            String claimed = "192.0.2." + (100 + i);
            register(from("127.0.0.1").header("X-Forwarded-For", claimed + ", " + client), newEmail()).andExpect(status().isCreated());
        }

        // when the same client registers again, whatever it claims at the front of the header, then it waits
        register(from("10.0.0.2").header("X-Forwarded-For", "192.0.2.250, " + client), newEmail())
                .andExpect(status().isTooManyRequests());
        // and another client behind the gateway does not
        register(from("127.0.0.1").header("X-Forwarded-For", "192.0.2.11"), newEmail()).andExpect(status().isCreated());
    }

    @Test
    void aClientCannotEscapeTheLimitByInventingForwardedAddresses() throws Exception {
        // given a client calling the service directly (from just outside the gateway's range), claiming a new address every time
        String client = "10.0.1.2";
        for (int i = 0; i < 3; i++) {
            register(from(client).header("X-Forwarded-For", "192.0.2." + i), newEmail()).andExpect(status().isCreated());
        }

        // when it registers again, then its own address is what counts
        register(from(client).header("X-Forwarded-For", "192.0.2.99"), newEmail()).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("RATE_LIMITED"));
    }

    private static MockHttpServletRequestBuilder from(String address) {
        return post("/api/auth/register").with(request -> {
            request.setRemoteAddr(address);
            return request;
        });
    }

    private ResultActions register(MockHttpServletRequestBuilder request, String email) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("email", email, "password", PASSWORD, "fullName", "Jane Doe"))));
    }
}
