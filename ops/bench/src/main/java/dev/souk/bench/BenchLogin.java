package dev.souk.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Signs the benchmark in through the gateway when no {@code --token} is given: by default as the local stack's
 * administrator (stock is restocked, orders are placed for {@code --user}), so the run needs no setup.
 */
final class BenchLogin {

    static final String LOCAL_ADMIN_EMAIL = "admin@souk.dev";
    static final String LOCAL_ADMIN_PASSWORD = "souk-local-admin";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchLogin() {
    }

    /** The access token of {@code email}; IllegalArgumentException when the login is refused or the stack is down. */
    static String accessToken(URI baseUrl, String email, String password) {
        try {
            String body = JSON.writeValueAsString(java.util.Map.of("email", email, "password", password));
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(
                    HttpRequest.newBuilder(baseUrl.resolve("/api/auth/login")).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalArgumentException("logging in as " + email + " answered HTTP " + response.statusCode()
                        + "; pass --login EMAIL:PASSWORD or --token");
            }
            return JSON.readTree(response.body()).path("accessToken").asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("no answer from " + baseUrl + " to the login (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while logging in");
        }
    }
}
