package dev.souk.auth.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.souk.auth.account.Account;
import dev.souk.auth.token.AccessTokens;
import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates the user-service profile of a new account right away, so {@code GET /api/users/{id}/exists} is true when
 * register answers. The call is idempotent (same id, same data); when user-service cannot be reached the account
 * stands and the profile follows from UserRegistered, which the integration hub consumes.
 */
@Component
public class UserProfiles {

    private static final Logger log = LoggerFactory.getLogger(UserProfiles.class);

    private final RestClient users;
    private final AccessTokens tokens;
    private final String clientId;

    UserProfiles(RestClient.Builder builder, AccessTokens tokens,
                 @Value("${souk.auth.user-service-url}") String userServiceUrl,
                 @Value("${spring.application.name}") String clientId,
                 @Value("${souk.auth.user-service-timeout:2s}") Duration timeout) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(timeout);
        requests.setReadTimeout(timeout);
        this.users = builder.clone().baseUrl(userServiceUrl).requestFactory(requests).build();
        this.tokens = tokens;
        this.clientId = clientId;
    }

    /**
     * Moves the profile of {@code userId} to {@code email}, keeping its name and phone. 409 EMAIL_TAKEN when another
     * profile has that email, 503 SERVICE_UNAVAILABLE when user-service cannot be reached (nothing changed then). A
     * user without a profile yet has nothing to move.
     */
    public void changeEmail(String userId, String email) {
        String authorization = "Bearer " + tokens.signService(clientId);
        try {
            JsonNode profile = users.get().uri("/api/users/{id}", userId)
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .retrieve().body(JsonNode.class);
            Map<String, Object> changed = new LinkedHashMap<>();
            changed.put("email", email);
            changed.put("fullName", profile.path("fullName").asText());
            if (profile.hasNonNull("phone")) {
                changed.put("phone", profile.get("phone").asText());
            }
            users.put().uri("/api/users/{id}", userId)
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(changed)
                    .retrieve().toBodilessEntity();
        } catch (HttpClientErrorException.NotFound noProfile) {
            log.warn("User {} has no profile yet; only the account's email changes", userId);
        } catch (HttpClientErrorException.Conflict taken) {
            throw ApiException.conflict(ProblemCodes.EMAIL_TAKEN, "An account with this email already exists.").with("email", email);
        } catch (RestClientException unavailable) {
            log.warn("The profile of {} could not be moved to its new email ({})", userId, unavailable.getMessage());
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.SERVICE_UNAVAILABLE,
                    "The email cannot be changed right now; nothing was changed. Try again shortly.");
        }
    }

    /** True when the profile exists now; false when it will be created later from the event. */
    public boolean create(Account account) {
        try {
            users.post().uri("/api/users")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.signService(clientId))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("id", account.id(), "email", account.email(), "fullName", account.fullName()))
                    .retrieve()
                    .toBodilessEntity();
            return true;
        } catch (RestClientException e) {
            log.warn("The profile of {} was not created now ({}); it follows from UserRegistered", account.id(), e.getMessage());
            return false;
        }
    }
}
