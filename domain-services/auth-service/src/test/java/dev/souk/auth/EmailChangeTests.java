package dev.souk.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.souk.kit.testing.ServiceTestSecurity;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static dev.souk.kit.testing.ServiceTestSecurity.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A customer changes the email they sign in with; the profile in user-service moves with it, or nothing changes. */
@SoukServiceTest
class EmailChangeTests {

    private static final String PASSWORD = "correct horse battery 9";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Profiles as user-service keeps them: by id, with the unique email rule. */
    static final Map<String, ObjectNode> PROFILES = new ConcurrentHashMap<>();
    static volatile boolean userServiceDown;
    static final HttpServer USER_SERVICE = userService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("souk.auth.user-service-url", () -> "http://127.0.0.1:" + USER_SERVICE.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        USER_SERVICE.stop(0);
    }

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void userServiceUp() {
        userServiceDown = false;
    }

    @Test
    void aCustomerChangesTheirEmailAndSignsInWithTheNewOne() throws Exception {
        String oldEmail = newEmail();
        String userId = register(oldEmail);
        String newEmail = newEmail();

        changeEmail(login(oldEmail), PASSWORD, newEmail.toUpperCase())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(userId))
                .andExpect(jsonPath("$.email").value(newEmail));

        assertThat(PROFILES.get(userId).path("email").asText()).isEqualTo(newEmail);
        assertThat(PROFILES.get(userId).path("fullName").asText()).isEqualTo("Pat Doe");
        login(newEmail);
        loginFails(oldEmail);
        // the same change again answers the same
        changeEmail(login(newEmail), PASSWORD, newEmail).andExpect(status().isOk()).andExpect(jsonPath("$.email").value(newEmail));
    }

    @Test
    void aWrongPasswordChangesNothing() throws Exception {
        String email = newEmail();
        String userId = register(email);

        changeEmail(login(email), "not my password 1", newEmail())
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("INVALID_CREDENTIALS"));

        assertThat(PROFILES.get(userId).path("email").asText()).isEqualTo(email);
        login(email);
    }

    @Test
    void anotherAccountsEmailIsRefused() throws Exception {
        String mine = newEmail();
        String theirs = newEmail();
        String userId = register(mine);
        register(theirs);

        changeEmail(login(mine), PASSWORD, theirs)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("EMAIL_TAKEN"));

        assertThat(PROFILES.get(userId).path("email").asText()).isEqualTo(mine);
        login(mine);
    }

    @Test
    void aProfileThatHoldsTheEmailAlreadyStopsTheChange() throws Exception {
        String mine = newEmail();
        String userId = register(mine);
        String heldByAProfile = newEmail();
        PROFILES.put("user-other", profile("user-other", heldByAProfile, "Other"));

        changeEmail(login(mine), PASSWORD, heldByAProfile)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("EMAIL_TAKEN"));

        assertThat(PROFILES.get(userId).path("email").asText()).isEqualTo(mine);
        login(mine);
    }

    @Test
    void whenUserServiceIsDownNothingChanges() throws Exception {
        String mine = newEmail();
        String userId = register(mine);
        String token = login(mine);
        userServiceDown = true;

        changeEmail(token, PASSWORD, newEmail())
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.code").value("SERVICE_UNAVAILABLE"));

        userServiceDown = false;
        assertThat(PROFILES.get(userId).path("email").asText()).isEqualTo(mine);
        login(mine);
    }

    @Test
    void itNeedsTheUsersToken() throws Exception {
        mvc.perform(put("/api/auth/email").with(ServiceTestSecurity.anonymous()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"password\":\"" + PASSWORD + "\",\"newEmail\":\"" + newEmail() + "\"}"))
                .andExpect(status().isUnauthorized());
        String email = newEmail();
        register(email);
        changeEmail(login(email), PASSWORD, "not an email")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    private String newEmail() {
        return "e-" + UUID.randomUUID() + "@example.com";
    }

    private String register(String email) throws Exception {
        String body = mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"fullName\":\"Pat Doe\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JSON.readTree(body).get("userId").asText();
    }

    private String login(String email) throws Exception {
        String body = mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JSON.readTree(body).get("accessToken").asText();
    }

    private void loginFails(String email) throws Exception {
        mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"))
                .andExpect(status().isUnauthorized());
    }

    private ResultActions changeEmail(String token, String password, String newEmail) throws Exception {
        return mvc.perform(put("/api/auth/email").with(as(token)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"" + password + "\",\"newEmail\":\"" + newEmail + "\"}"));
    }

    private static ObjectNode profile(String id, String email, String fullName) {
        ObjectNode profile = JSON.createObjectNode();
        profile.put("id", id).put("email", email).put("fullName", fullName);
        return profile;
    }

    private static HttpServer userService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/users", EmailChangeTests::handle);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        if (userServiceDown) {
            reply(exchange, 503, "{}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        JsonNode body = exchange.getRequestMethod().equals("GET") ? null
                : JSON.readTree(exchange.getRequestBody().readAllBytes());
        switch (exchange.getRequestMethod()) {
            case "POST" -> {
                ObjectNode created = profile(body.get("id").asText(), body.get("email").asText(), body.get("fullName").asText());
                PROFILES.put(created.get("id").asText(), created);
                reply(exchange, 201, created.toString());
            }
            case "GET" -> {
                ObjectNode found = PROFILES.get(path.substring("/api/users/".length()));
                reply(exchange, found == null ? 404 : 200, found == null ? "{}" : found.toString());
            }
            case "PUT" -> {
                String id = path.substring("/api/users/".length());
                String email = body.get("email").asText();
                boolean taken = PROFILES.values().stream()
                        .anyMatch(p -> p.get("email").asText().equals(email) && !p.get("id").asText().equals(id));
                if (taken) {
                    reply(exchange, 409, "{\"code\":\"EMAIL_TAKEN\"}");
                    return;
                }
                ObjectNode changed = profile(id, email, body.get("fullName").asText());
                PROFILES.put(id, changed);
                reply(exchange, 200, changed.toString());
            }
            default -> reply(exchange, 405, "{}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
