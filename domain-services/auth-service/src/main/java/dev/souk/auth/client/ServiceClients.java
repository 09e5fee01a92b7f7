package dev.souk.auth.client;

import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * The platform's own clients that may obtain SERVICE tokens with client credentials
 * ({@code souk.auth.clients.<client-id>=<secret>}, secrets from the environment). A client without a secret is
 * not a client.
 */
@Component
@ConfigurationProperties("souk.auth")
public class ServiceClients {

    private final Map<String, String> clients = new HashMap<>();

    public Map<String, String> getClients() {
        return clients;
    }

    /** The client id when the secret is right; 401 INVALID_CLIENT otherwise, the same for an unknown client. */
    public String authenticate(String clientId, String secret) {
        String expected = clientId == null ? null : clients.get(clientId);
        boolean known = expected != null && !expected.isBlank();
        // compared as digests in constant time, and compared even for an unknown client
        boolean matches = MessageDigest.isEqual(digest(known ? expected : "-"), digest(secret == null ? "" : secret));
        if (!known || !matches) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, ProblemCodes.INVALID_CLIENT, "The client id or secret is wrong.");
        }
        return clientId;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
