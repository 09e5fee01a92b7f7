package dev.souk.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The SERVICE access token this app presents to other services, obtained from the auth-service with client
 * credentials ({@code POST /api/auth/token}, grant {@code client_credentials}, HTTP Basic client authentication) and
 * reused until shortly before it expires. An end user's token is never passed on to a service.
 */
public class ServiceTokens {

    /** A token is replaced this long before its expiry, so a call never leaves with one about to lapse. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    private final URI tokenUri;
    private final String basicCredentials;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private String token;
    private Instant renewAt = Instant.MIN;

    public ServiceTokens(SoukSecurityProperties.Client client, ObjectMapper json, Clock clock) {
        if (!client.configured()) {
            throw new IllegalArgumentException("souk.security.client.id and .secret are required for service tokens");
        }
        this.tokenUri = client.tokenUriOrDefault();
        this.basicCredentials = Base64.getEncoder().encodeToString(
                (client.id() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
        this.json = json;
        this.clock = clock;
    }

    /** {@code Bearer <token>}, fetching a new token when there is none or it is about to expire. */
    public synchronized String authorizationHeader() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return "Bearer " + token;
    }

    /** Forgets the token, so the next call fetches a new one (after a 401 from a service, e.g. a key rotation). */
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() {
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Basic " + basicCredentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ServiceTokenUnavailableException("The auth-service answered " + response.statusCode()
                        + " to the client credentials of this service");
            }
            JsonNode body = json.readTree(response.body());
            String accessToken = body.path("access_token").asText(null);
            long expiresIn = body.path("expires_in").asLong(0);
            if (accessToken == null || expiresIn <= 0) {
                throw new ServiceTokenUnavailableException("The auth-service answered no usable service token");
            }
            Instant now = clock.instant();
            Duration lifetime = Duration.ofSeconds(expiresIn);
            token = accessToken;
            renewAt = now.plus(lifetime.compareTo(RENEW_BEFORE.multipliedBy(2)) > 0 ? lifetime.minus(RENEW_BEFORE) : lifetime.dividedBy(2));
        } catch (IOException e) {
            throw new ServiceTokenUnavailableException("The auth-service cannot be reached for a service token: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceTokenUnavailableException("Interrupted while fetching a service token");
        }
    }

    /** The service token cannot be had now; calls that need it are answered 503 and retried later. */
    public static class ServiceTokenUnavailableException extends RuntimeException {
        public ServiceTokenUnavailableException(String message) {
            super(message);
        }
    }
}
