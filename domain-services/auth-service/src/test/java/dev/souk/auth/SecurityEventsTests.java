package dev.souk.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.List;
import java.util.UUID;

import static dev.souk.kit.testing.ServiceTestSecurity.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The security acts the audit log hears of, on security-events through the outbox, in the transaction of the act:
 * sign-ins that succeed and fail, a reused refresh token, an account an administrator made. No password or token is
 * ever part of them.
 */
@SoukServiceTest
@TestPropertySource(properties = {"souk.auth.bcrypt-strength=4",
        "souk.auth.key-dir=target/test-data/auth-keys/${random.uuid}",
        "souk.auth.admin.email=warden@souk.example", "souk.auth.admin.password=warden admin password 1"})
class SecurityEventsTests {

    static final String PASSWORD = "correct horse 42";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @Test
    void aSignInAndARefusedOneAreRecordedWithoutTheirSecrets() throws Exception {
        // given a customer
        String email = "s-" + UUID.randomUUID() + "@example.com";
        String userId = json.readTree(post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"fullName\":\"Sam\"}").andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                .path("userId").asText();

        // when they sign in once with a wrong password and once rightly
        login(email, PASSWORD + "!").andExpect(status().isUnauthorized());
        login(email, PASSWORD).andExpect(status().isOk());

        // then the audit log hears of both, naming who, never the password
        JsonNode failed = event("SignInFailed", email).get(0);
        assertThat(failed.at("/payload/reason").asText()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(failed.at("/payload/actorType").asText()).isEqualTo("SYSTEM");
        JsonNode succeeded = event("SignInSucceeded", userId).get(0);
        assertThat(succeeded.at("/payload/actorId").asText()).isEqualTo(userId);
        assertThat(succeeded.at("/payload/sessionId").asText()).startsWith("fam-");
        assertThat(succeeded.at("/aggregateType").asText()).isEqualTo("account");
        assertThat(jdbc.queryForList("select payload from outbox_event where topic = 'security-events'", String.class))
                .noneMatch(payload -> payload.contains(PASSWORD));
    }

    @Test
    void aReusedRefreshTokenIsRecordedEveryTimeItComesBack() throws Exception {
        String email = "r-" + UUID.randomUUID() + "@example.com";
        post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"fullName\":\"Ray\"}")
                .andExpect(status().isCreated());
        String refreshToken = json.readTree(login(email, PASSWORD).andReturn().getResponse().getContentAsString())
                .path("refreshToken").asText();

        refresh(refreshToken).andExpect(status().isOk());
        refresh(refreshToken).andExpect(status().isUnauthorized());
        refresh(refreshToken).andExpect(status().isUnauthorized());

        String userId = jdbc.queryForObject("select id from user_account where email = ?", String.class, email);
        List<JsonNode> reused = event("RefreshTokenReused", userId);
        assertThat(reused).hasSize(2);
        assertThat(reused.get(0).at("/payload/sessionId").asText()).startsWith("fam-");
        assertThat(reused).noneMatch(event -> event.toString().contains(refreshToken));
    }

    @Test
    void anAccountMadeByAnAdministratorNamesTheAdministrator() throws Exception {
        String adminToken = json.readTree(login("warden@souk.example", "warden admin password 1")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).path("accessToken").asText();
        String adminId = jdbc.queryForObject("select id from user_account where email = 'warden@souk.example'", String.class);
        String id = "user-" + UUID.randomUUID();

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/auth/accounts").with(as(adminToken)).contentType(MediaType.APPLICATION_JSON).content("""
                        {"id":"%s","email":"%s@example.com","password":"correct horse battery 9","fullName":"Staff","roles":["ADMIN"]}"""
                        .formatted(id, id)))
                .andExpect(status().isCreated());

        JsonNode created = event("AccountCreated", id).get(0);
        assertThat(created.at("/payload/actorId").asText()).isEqualTo(adminId);
        assertThat(created.at("/payload/roles/0").asText()).isEqualTo("ADMIN");
    }

    private List<JsonNode> event(String type, String key) {
        return jdbc.queryForList("select payload from outbox_event where topic = 'security-events' and event_type = ? "
                + "and event_key = ? order by seq", String.class, type, key).stream().map(this::read).toList();
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ResultActions login(String email, String password) throws Exception {
        return post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private ResultActions refresh(String token) throws Exception {
        return post("/api/auth/refresh", "{\"refreshToken\":\"" + token + "\"}");
    }

    private ResultActions post(String path, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
