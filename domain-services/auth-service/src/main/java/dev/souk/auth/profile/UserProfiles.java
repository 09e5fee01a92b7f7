package dev.souk.auth.profile;

import dev.souk.auth.account.Account;
import dev.souk.auth.token.AccessTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.time.Duration;
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
