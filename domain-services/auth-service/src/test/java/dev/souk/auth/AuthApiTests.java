package dev.souk.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SoukServiceTest
@TestPropertySource(properties = {
        "souk.auth.bcrypt-strength=4",
        "souk.auth.key-dir=target/test-data/auth-keys/${random.uuid}",
        "souk.auth.admin.email=Admin@Souk.example",
        "souk.auth.admin.password=admin-Password-1",
})
class AuthApiTests {

    static final String PASSWORD = "correct horse 42";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    ApplicationContext context;

    @Test
    void aRegisteredUserLogsInWithATokenVerifiableAgainstTheJwks() throws Exception {
        // when a customer registers with a mixed-case email
        String email = "Jane." + UUID.randomUUID() + "@Example.COM";
        JsonNode registered = body(register(email, PASSWORD, "Jane Doe")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.userId").value(startsWith("user-")))
                .andExpect(jsonPath("$.email").value(email.toLowerCase())));
        String userId = registered.get("userId").asText();
        assertThat(userId).matches("user-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        // then UserRegistered is in the outbox and the password is stored hashed only
        assertThat(jdbc.queryForList("select event_type from outbox_event where event_key = ?", String.class, userId))
                .containsExactly("UserRegistered");
        JsonNode event = json.readTree(jdbc.queryForObject("select payload from outbox_event where event_key = ?", String.class, userId));
        assertThat(event.at("/payload/email").asText()).isEqualTo(email.toLowerCase());
        assertThat(event.at("/payload/fullName").asText()).isEqualTo("Jane Doe");
        assertThat(jdbc.queryForObject("select topic from outbox_event where event_key = ?", String.class, userId)).isEqualTo("user-events");
        assertThat(jdbc.queryForObject("select password_hash from user_account where id = ?", String.class, userId))
                .startsWith("$2").doesNotContain(PASSWORD);

        // when the customer logs in, with the email in another case
        JsonNode tokens = body(login(email.toUpperCase(), PASSWORD)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tokenType").value("Bearer"))
                .andExpect(jsonPath("$.expiresIn").value(900)));
        assertThat(tokens.get("refreshToken").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(jdbc.queryForObject("select count(*) from refresh_token where token_hash = ?", Integer.class,
                tokens.get("refreshToken").asText())).as("stored hashed only").isZero();
        assertThat(jdbc.queryForObject("select count(*) from refresh_token where token_hash = ?", Integer.class,
                sha256(tokens.get("refreshToken").asText()))).isEqualTo(1);

        // then the access token is an RS256 JWT signed by a key of the JWKS, with the expected claims
        JWTClaimsSet claims = verified(tokens.get("accessToken").asText());
        assertThat(claims.getSubject()).isEqualTo(userId);
        assertThat(claims.getStringListClaim("roles")).containsExactly("CUSTOMER");
        assertThat(claims.getIssuer()).isEqualTo("souk-auth");
        assertThat(claims.getAudience()).containsExactly("souk");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant())).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theJwksPublishesPublicRsaSigningKeysOnly() throws Exception {
        String body = mvc.perform(get("/api/auth/.well-known/jwks.json"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(header().string("Cache-Control", startsWith("max-age=")))
                .andReturn().getResponse().getContentAsString();
        JWKSet jwks = JWKSet.parse(body);
        assertThat(jwks.getKeys()).isNotEmpty().allSatisfy(key -> {
            assertThat(key).isInstanceOf(RSAKey.class);
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(key.getKeyID()).isNotBlank();
            assertThat(((RSAKey) key).size()).isEqualTo(2048);
        });
        assertThat(body).doesNotContain("\"d\"", "\"p\"", "\"q\"");
    }

    @Test
    void theAdministratorIsCreatedOnceFromTheEnvironment() throws Exception {
        JsonNode tokens = body(login("admin@souk.example", "admin-Password-1").andExpect(status().isOk()));
        assertThat(verified(tokens.get("accessToken").asText()).getStringListClaim("roles")).containsExactly("ADMIN");

        context.getBean("adminAccount", ApplicationRunner.class).run(null);
        assertThat(jdbc.queryForObject("select count(*) from user_account where email = 'admin@souk.example'", Integer.class)).isEqualTo(1);
        login("admin@souk.example", "admin-Password-1").andExpect(status().isOk());
    }

    @Test
    void weakPasswordsAndTakenEmailsAreRefusedAndChangeNothing() throws Exception {
        String email = newEmail();
        register(email, PASSWORD, "First").andExpect(status().isCreated());
        Map<String, Integer> before = counts();

        for (String weak : List.of("Short1!", "alllowercaseletters", "123456789012345", "A".repeat(12), "aB1".repeat(43))) {
            register(newEmail(), weak, "Weak").andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                    .andExpect(jsonPath("$.errors[0].field").value("password"));
        }
        register(email.toUpperCase(), PASSWORD, "Second").andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("EMAIL_TAKEN"));

        assertThat(counts()).isEqualTo(before);
        // 12 characters of two classes and 128 characters are fine
        register(newEmail(), "abcdefghijk1", "Edge").andExpect(status().isCreated());
        register(newEmail(), "aB1".repeat(42) + "xy", "Edge").andExpect(status().isCreated());
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() throws Exception {
        String email = newEmail();
        register(email, PASSWORD, "Jane").andExpect(status().isCreated());
        Map<String, Integer> before = counts();

        JsonNode wrongPassword = body(login(email, PASSWORD + "x").andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("INVALID_CREDENTIALS")));
        JsonNode unknownEmail = body(login(newEmail(), PASSWORD).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("INVALID_CREDENTIALS")));
        assertThat(unknownEmail.get("detail")).isEqualTo(wrongPassword.get("detail"));
        assertThat(wrongPassword.toString()).doesNotContain(email);
        assertThat(counts()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where event_type = 'SignInFailed' and event_key = ?",
                Integer.class, email)).isEqualTo(1);
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesItsSession() throws Exception {
        String email = newEmail();
        register(email, PASSWORD, "Jane").andExpect(status().isCreated());
        JsonNode first = body(login(email, PASSWORD).andExpect(status().isOk()));
        JsonNode other = body(login(email, PASSWORD).andExpect(status().isOk()));

        // a refresh answers new tokens
        JsonNode second = body(refresh(first.get("refreshToken").asText()).andExpect(status().isOk())
                .andExpect(jsonPath("$.tokenType").value("Bearer")));
        assertThat(second.get("refreshToken").asText()).isNotEqualTo(first.get("refreshToken").asText());
        assertThat(second.get("accessToken").asText()).isNotEqualTo(first.get("accessToken").asText());
        assertThat(verified(second.get("accessToken").asText()).getSubject())
                .isEqualTo(verified(first.get("accessToken").asText()).getSubject());
        JsonNode third = body(refresh(second.get("refreshToken").asText()).andExpect(status().isOk()));

        // presenting a used token again is reuse: the whole family is revoked
        refresh(first.get("refreshToken").asText()).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("REFRESH_TOKEN_REUSED"));
        refresh(third.get("refreshToken").asText()).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("INVALID_REFRESH_TOKEN"));
        refresh(second.get("refreshToken").asText()).andExpect(status().isUnauthorized());

        // another session of the same user is not affected
        refresh(other.get("refreshToken").asText()).andExpect(status().isOk());
        refresh("unknownTokenValue").andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("INVALID_REFRESH_TOKEN"));
    }

    @Test
    void anExpiredRefreshTokenIsRefused() throws Exception {
        String email = newEmail();
        register(email, PASSWORD, "Jane").andExpect(status().isCreated());
        String token = body(login(email, PASSWORD)).get("refreshToken").asText();
        jdbc.update("update refresh_token set expires_at = ? where token_hash = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), sha256(token));

        refresh(token).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("INVALID_REFRESH_TOKEN"));
    }

    @Test
    void logoutRevokesTheSession() throws Exception {
        String email = newEmail();
        register(email, PASSWORD, "Jane").andExpect(status().isCreated());
        JsonNode first = body(login(email, PASSWORD));
        JsonNode second = body(refresh(first.get("refreshToken").asText()).andExpect(status().isOk()));

        logout(second.get("refreshToken").asText()).andExpect(status().isNoContent());
        refresh(second.get("refreshToken").asText()).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("INVALID_REFRESH_TOKEN"));
        logout(second.get("refreshToken").asText()).andExpect(status().isNoContent());
        logout("neverIssued").andExpect(status().isNoContent());
    }

    @Test
    void badInputOnEveryEndpointIsRefusedAndChangesNothing() throws Exception {
        String email = newEmail();
        register(email, PASSWORD, "Jane").andExpect(status().isCreated());
        String token = body(login(email, PASSWORD)).get("refreshToken").asText();
        Map<String, Integer> before = counts();

        Map<String, List<String>> bad = new LinkedHashMap<>();
        bad.put("/api/auth/register", List.of("{}", "{\"email\":\"not-an-email\",\"password\":\"" + PASSWORD + "\",\"fullName\":\"J\"}",
                "{\"email\":\"" + newEmail() + "\",\"password\":\"" + PASSWORD + "\",\"fullName\":\" \"}",
                "{\"email\":\"" + newEmail() + "\",\"password\":null,\"fullName\":\"J\"}",
                "{\"email\":\"" + newEmail() + "\",\"password\":\"" + PASSWORD + "\",\"fullName\":\"" + "x".repeat(201) + "\"}",
                "{\"email\":\"" + "x".repeat(250) + "@e.com\",\"password\":\"" + PASSWORD + "\",\"fullName\":\"J\"}"));
        bad.put("/api/auth/login", List.of("{}", "{\"email\":\"" + email + "\"}", "{\"email\":\"\",\"password\":\"" + PASSWORD + "\"}",
                "{\"email\":\"" + email + "\",\"password\":\"" + "a".repeat(129) + "\"}"));
        bad.put("/api/auth/refresh", List.of("{}", "{\"refreshToken\":\"\"}", "{\"refreshToken\":\"has spaces\"}",
                "{\"refreshToken\":\"" + "a".repeat(201) + "\"}"));
        bad.put("/api/auth/logout", List.of("{}", "{\"refreshToken\":\"" + token + "!\"}", "{\"refreshToken\":42.5e3}"));
        for (Map.Entry<String, List<String>> endpoint : bad.entrySet()) {
            for (String body : endpoint.getValue()) {
                mvc.perform(post(endpoint.getKey()).contentType(MediaType.APPLICATION_JSON).content(body))
                        .andExpect(status().isBadRequest())
                        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                        .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
            }
            mvc.perform(post(endpoint.getKey()).contentType(MediaType.APPLICATION_JSON).content("{\"email\":"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        }

        assertThat(counts()).isEqualTo(before);
        refresh(token).andExpect(status().isOk());
    }

    // --- helpers

    JWTClaimsSet verified(String accessToken) throws Exception {
        SignedJWT jwt = SignedJWT.parse(accessToken);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        JWKSet jwks = JWKSet.parse(mvc.perform(get("/api/auth/.well-known/jwks.json")).andReturn().getResponse().getContentAsString());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the token's kid is published").isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        return jwt.getJWTClaimsSet();
    }

    ResultActions register(String email, String password, String fullName) throws Exception {
        return postJson("/api/auth/register", Map.of("email", email, "password", password, "fullName", fullName));
    }

    ResultActions login(String email, String password) throws Exception {
        return postJson("/api/auth/login", Map.of("email", email, "password", password));
    }

    ResultActions refresh(String token) throws Exception {
        return postJson("/api/auth/refresh", Map.of("refreshToken", token));
    }

    ResultActions logout(String token) throws Exception {
        return postJson("/api/auth/logout", Map.of("refreshToken", token));
    }

    private ResultActions postJson(String path, Object body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)));
    }

    JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    static String sha256(String value) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static String newEmail() {
        return "u" + UUID.randomUUID() + "@example.com";
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String table : List.of("user_account", "refresh_family", "refresh_token")) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table, Integer.class));
        }
        // what the audit log hears of (security-events: refused sign-ins too) is counted apart
        counts.put("outbox_event", jdbc.queryForObject("select count(*) from outbox_event where topic <> 'security-events'",
                Integer.class));
        counts.put("revoked", jdbc.queryForObject("select count(*) from refresh_family where revoked_at is not null", Integer.class));
        counts.put("used", jdbc.queryForObject("select count(*) from refresh_token where used_at is not null", Integer.class));
        return counts;
    }
}
