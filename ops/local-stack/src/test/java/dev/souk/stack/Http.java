package dev.souk.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small HTTP client for the system tests: what a real client sends, nothing mocked. An anonymous client, or one
 * signed in through the gateway ({@link #admin()}, {@link #demoCustomer()}, {@link #newCustomer()}) whose requests
 * carry its access token unless they set their own {@code Authorization}.
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String GATEWAY = "http://localhost:8080";

    private final HttpClient client;
    private final String authorization;
    private final String userId;

    Http() {
        this(null, null);
    }

    private Http(String authorization, String userId) {
        client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .cookieHandler(new CookieManager())
                .build();
        this.authorization = authorization;
        this.userId = userId;
    }

    /** The shop administrator the local stack creates. */
    static Http admin() {
        return signedIn(StackOptions.ADMIN_EMAIL, StackOptions.ADMIN_PASSWORD);
    }

    /** demo@souk.dev, the customer user-123 of the seed's examples. */
    static Http demoCustomer() {
        return signedIn("demo@souk.dev", StackOptions.DEMO_CUSTOMER_PASSWORD);
    }

    /** A customer registered just now (register, then log in), as a newcomer would. */
    static Http newCustomer() {
        String email = "it-" + java.util.UUID.randomUUID() + "@example.com";
        String password = "system test password 1";
        HttpResponse<String> registered = new Http().postJson(GATEWAY + "/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"fullName\":\"Test Customer\"}");
        if (registered.statusCode() != 201) {
            throw new AssertionError("register failed: HTTP " + registered.statusCode() + " " + registered.body());
        }
        return signedIn(email, password);
    }

    static Http signedIn(String email, String password) {
        HttpResponse<String> login = new Http().postJson(GATEWAY + "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (login.statusCode() != 200) {
            throw new AssertionError("login of " + email + " failed: HTTP " + login.statusCode() + " " + login.body());
        }
        String token = json(login).path("accessToken").asText();
        String subject = json(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8)).path("sub").asText();
        return new Http("Bearer " + token, subject);
    }

    /** The signed-in user's id (the token's subject); null when anonymous. */
    String userId() {
        return userId;
    }

    /** The {@code Authorization} header value this client sends; null when anonymous. */
    String authorization() {
        return authorization;
    }

    HttpResponse<String> get(String url) {
        return send(request(url).header("Accept", "application/json, */*").GET().build());
    }

    HttpResponse<String> getJson(String url) {
        return send(request(url).header("Accept", "application/json").GET().build());
    }

    HttpResponse<String> postJson(String url, String body) {
        return send(request(url).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        if (authorization != null && request.headers().firstValue("Authorization").isEmpty()) {
            request = HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", authorization).build();
        }
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient client() {
        return client;
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }
}
