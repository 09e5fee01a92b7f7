package dev.souk.auth.api;

import dev.souk.auth.client.ServiceClients;
import dev.souk.auth.token.AccessTokens;
import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "Service tokens", description = "SERVICE access tokens for the platform's own services (client credentials).")
public class ClientTokenController {

    private final ServiceClients clients;
    private final AccessTokens tokens;

    ClientTokenController(ServiceClients clients, AccessTokens tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    public record ClientTokenResponse(String access_token, String token_type, long expires_in) {
    }

    @PostMapping(value = "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "A SERVICE token with client credentials",
            description = "OAuth 2.0 client credentials grant: form field grant_type=client_credentials, the client "
                    + "authenticated with HTTP Basic (or client_id and client_secret form fields). Answers an RS256 access "
                    + "token with the role SERVICE whose subject is the client id. 401 INVALID_CLIENT for an unknown client "
                    + "or a wrong secret; 400 VALIDATION_FAILED for another grant type.")
    @ApiResponse(responseCode = "200", description = "A service token")
    @ApiResponse(responseCode = "401", description = "INVALID_CLIENT",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<ClientTokenResponse> token(@RequestParam(name = "grant_type", required = false) String grantType,
                                              @RequestParam(name = "client_id", required = false) String clientId,
                                              @RequestParam(name = "client_secret", required = false) String clientSecret,
                                              @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!"client_credentials".equals(grantType)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED,
                    "grant_type must be client_credentials.");
        }
        String[] basic = basic(authorization);
        String id = basic != null ? basic[0] : clientId;
        String secret = basic != null ? basic[1] : clientSecret;
        String client = clients.authenticate(id, secret);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(new ClientTokenResponse(tokens.signService(client), "Bearer", tokens.ttl().toSeconds()));
    }

    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
