package dev.souk.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** SERVICE tokens by client credentials, and the user profile registration creates in user-service. */
@SoukServiceTest
class ServiceTokenAndProfileTests {

    record Received(String authorization, String body) {
    }

    static final List<Received> PROFILE_CALLS = new CopyOnWriteArrayList<>();
    static final HttpServer USER_SERVICE = userService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("souk.auth.user-service-url", () -> "http://127.0.0.1:" + USER_SERVICE.getAddress().getPort());
        registry.add("souk.auth.clients.integration-hub", () -> "hub-secret-for-tests");
        registry.add("souk.auth.clients.retired-client", () -> "");
        // with an operator configured, HTTP Basic signs in to consoles; a client's Basic header here is not a sign-in
        registry.add("souk.security.admin.password", () -> "operator password 1");
    }

    @AfterAll
    static void stop() {
        USER_SERVICE.stop(0);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    JwtDecoder decoder;

    @Test
    void aPlatformClientGetsAServiceTokenWithItsCredentials() throws Exception {
        String body = mvc.perform(post("/api/auth/token")
                        .header("Authorization", basic("integration-hub", "hub-secret-for-tests"))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("grant_type=client_credentials"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(jsonPath("$.token_type").value("Bearer"))
                .andExpect(jsonPath("$.expires_in").value(900))
                .andReturn().getResponse().getContentAsString();

        Jwt token = decoder.decode(json.readTree(body).get("access_token").asText());
        assertThat(token.getSubject()).isEqualTo("integration-hub");
        assertThat(token.getClaimAsStringList("roles")).containsExactly("SERVICE");
        assertThat(token.getAudience()).containsExactly("souk");
    }

    @Test
    void formFieldsWorkAsClientAuthenticationToo() throws Exception {
        mvc.perform(post("/api/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("grant_type=client_credentials&client_id=integration-hub&client_secret=hub-secret-for-tests"))
                .andExpect(status().isOk());
    }

    @Test
    void aWrongSecretAnUnknownClientOrADisabledOneIs401InvalidClient() throws Exception {
        for (String authorization : List.of(basic("integration-hub", "guess"), basic("someone", "hub-secret-for-tests"),
                basic("retired-client", ""), "Basic not-base64!")) {
            mvc.perform(post("/api/auth/token").header("Authorization", authorization)
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("grant_type=client_credentials"))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.code").value("INVALID_CLIENT"))
                    .andExpect(jsonPath("$.access_token").doesNotExist());
        }
    }

    @Test
    void onlyTheClientCredentialsGrantIsOffered() throws Exception {
        mvc.perform(post("/api/auth/token").header("Authorization", basic("integration-hub", "hub-secret-for-tests"))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("grant_type=password"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void registeringCreatesTheProfileInUserServiceWithAServiceTokenBeforeAnswering() throws Exception {
        String email = "p-" + UUID.randomUUID() + "@example.com";
        String answer = mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"correct horse battery 9\",\"fullName\":\"Pat Doe\"}"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String userId = json.readTree(answer).get("userId").asText();

        Received call = PROFILE_CALLS.stream().filter(r -> r.body().contains(userId)).findFirst().orElseThrow();
        JsonNode profile = json.readTree(call.body());
        assertThat(profile.get("id").asText()).isEqualTo(userId);
        assertThat(profile.get("email").asText()).isEqualTo(email);
        assertThat(profile.get("fullName").asText()).isEqualTo("Pat Doe");
        Jwt token = decoder.decode(call.authorization().substring("Bearer ".length()));
        assertThat(token.getClaimAsStringList("roles")).containsExactly("SERVICE");
        assertThat(token.getSubject()).isEqualTo("auth-service");
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpServer userService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/users", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                PROFILE_CALLS.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), body));
                byte[] answer = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
