package dev.souk.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.souk.auth.token.AccessTokens;
import dev.souk.contracts.Topics;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.souk.auth.AuthApiTests.PASSWORD;
import static dev.souk.auth.AuthApiTests.newEmail;
import static dev.souk.kit.testing.ServiceTestSecurity.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An ended session's access tokens stop working within seconds: the auth-service announces the end on auth-events
 * through its outbox, and every app, this one included, refuses the tokens from then on.
 */
@SoukServiceTest
@EmbeddedKafka(kraft = true, partitions = 1, topics = Topics.AUTH_EVENTS)
@TestPropertySource(properties = {
        "souk.auth.bcrypt-strength=4",
        "souk.auth.key-dir=target/test-data/auth-keys/${random.uuid}",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "souk.outbox.relay.enabled=true",
})
class SessionRevocationTests {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AccessTokens accessTokens;

    @Test
    void afterLogoutTheSessionsAccessTokenIsRefusedWithinSeconds() throws Exception {
        // given a customer signed in twice, whose access token works on an endpoint that needs one
        String email = registered();
        JsonNode session = login(email);
        JsonNode otherSession = login(email);
        String accessToken = session.get("accessToken").asText();
        confirmEmail(accessToken, email).andExpect(status().isOk());

        // when they log out of the first session
        postJson("/api/auth/logout", Map.of("refreshToken", session.get("refreshToken").asText())).andExpect(status().isNoContent());

        // then within seconds its access token is refused as problem+json, the other session's still works
        await().atMost(WITHIN).untilAsserted(() -> confirmEmail(accessToken, email)
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED")));
        confirmEmail(otherSession.get("accessToken").asText(), email).andExpect(status().isOk());
    }

    @Test
    void aReusedRefreshTokenEndsTheAccessTokensOfItsSessionToo() throws Exception {
        // given a session that was refreshed once
        String email = registered();
        JsonNode first = login(email);
        JsonNode second = json.readTree(postJson("/api/auth/refresh", Map.of("refreshToken", first.get("refreshToken").asText()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

        // when the first refresh token is presented again
        postJson("/api/auth/refresh", Map.of("refreshToken", first.get("refreshToken").asText()))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("REFRESH_TOKEN_REUSED"));

        // then every access token of the session is refused within seconds
        await().atMost(WITHIN).untilAsserted(() -> {
            confirmEmail(first.get("accessToken").asText(), email).andExpect(status().isUnauthorized());
            confirmEmail(second.get("accessToken").asText(), email).andExpect(status().isUnauthorized());
        });
    }

    @Test
    void accessTokensNameTheirSessionAndItsEndIsAnnouncedOnce() throws Exception {
        // given a session
        String email = registered();
        JsonNode session = login(email);
        String sessionId = SignedJWT.parse(session.get("accessToken").asText()).getJWTClaimsSet().getStringClaim("sid");
        String userId = jdbc.queryForObject("select user_id from refresh_family where id = ?", String.class, sessionId);

        // when it is logged out twice
        Instant loggedOut = Instant.now();
        postJson("/api/auth/logout", Map.of("refreshToken", session.get("refreshToken").asText())).andExpect(status().isNoContent());
        postJson("/api/auth/logout", Map.of("refreshToken", session.get("refreshToken").asText())).andExpect(status().isNoContent());

        // then one SessionRevoked names the session, its user, and when its last access token expires
        assertThat(jdbc.queryForList("select topic from outbox_event where event_type = 'SessionRevoked' and event_key = ?",
                String.class, sessionId)).containsExactly(Topics.AUTH_EVENTS);
        JsonNode event = json.readTree(jdbc.queryForObject("select payload from outbox_event where event_key = ?", String.class, sessionId));
        assertThat(event.at("/payload/sessionId").asText()).isEqualTo(sessionId);
        assertThat(event.at("/payload/userId").asText()).isEqualTo(userId);
        assertThat(Instant.parse(event.at("/payload/revokedUntil").asText()))
                .isCloseTo(loggedOut.plus(Duration.ofMinutes(15)), within(Duration.ofSeconds(10)));
        // and a SERVICE token names no session
        assertThat(SignedJWT.parse(accessTokens.signService("integration-hub")).getJWTClaimsSet().getClaim("sid")).isNull();
    }

    private String registered() throws Exception {
        String email = newEmail();
        postJson("/api/auth/register", Map.of("email", email, "password", PASSWORD, "fullName", "Jane Doe")).andExpect(status().isCreated());
        return email;
    }

    private JsonNode login(String email) throws Exception {
        return json.readTree(postJson("/api/auth/login", Map.of("email", email, "password", PASSWORD))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    /** Changing the email to the one it has needs the user's token and password, and changes nothing. */
    private ResultActions confirmEmail(String accessToken, String email) throws Exception {
        return mvc.perform(put("/api/auth/email").with(as(accessToken)).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("password", PASSWORD, "newEmail", email))));
    }

    private ResultActions postJson(String path, Object body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)));
    }
}
