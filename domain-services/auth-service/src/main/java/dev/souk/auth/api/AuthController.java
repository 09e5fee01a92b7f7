package dev.souk.auth.api;

import dev.souk.auth.account.Account;
import dev.souk.auth.account.Accounts;
import dev.souk.auth.account.PasswordPolicy;
import dev.souk.auth.profile.UserProfiles;
import dev.souk.auth.throttle.ClientAddresses;
import dev.souk.auth.throttle.RegistrationLimit;
import dev.souk.auth.token.SigningKeys;
import dev.souk.auth.token.Sessions;
import dev.souk.auth.token.Sessions.TokenPair;
import dev.souk.kit.security.Access;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Map;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "Authentication", description = "Accounts, login and tokens. Access tokens are RS256 JWTs; verify them "
        + "with the keys at /api/auth/.well-known/jwks.json.")
public class AuthController {

    private static final Logger log = LoggerFactory.getLogger(AuthController.class);

    private static final String REFRESH_TOKEN = "[A-Za-z0-9_-]+";
    private static final String REFRESH_TOKEN_MESSAGE = "must be a refresh token as answered by login or refresh";

    private final Accounts accounts;
    private final Sessions sessions;
    private final SigningKeys keys;
    private final UserProfiles profiles;
    private final RegistrationLimit registrations;
    private final ClientAddresses clientAddresses;

    AuthController(Accounts accounts, Sessions sessions, SigningKeys keys, UserProfiles profiles,
                   RegistrationLimit registrations, ClientAddresses clientAddresses) {
        this.profiles = profiles;
        this.accounts = accounts;
        this.sessions = sessions;
        this.keys = keys;
        this.registrations = registrations;
        this.clientAddresses = clientAddresses;
    }

    public record RegisterRequest(
            @Schema(example = "jane@example.com") @NotBlank @Email @Size(max = 254) String email,
            @Schema(description = "12 to 128 characters, mixing at least two of: lower-case, upper-case, digits, other",
                    example = "correct horse battery 9")
            @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH) String password,
            @Schema(example = "Jane Doe") @NotBlank @Size(max = 200) String fullName) {
    }

    public record RegisteredResponse(String userId, String email) {
    }

    public record LoginRequest(@NotBlank @Size(max = 254) String email,
                               @NotNull @Size(min = 1, max = PasswordPolicy.MAX_LENGTH) String password) {
    }

    public record RefreshRequest(
            @NotBlank @Size(max = 200) @Pattern(regexp = REFRESH_TOKEN, message = REFRESH_TOKEN_MESSAGE) String refreshToken) {
    }

    public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {
        static TokenResponse of(TokenPair pair) {
            return new TokenResponse(pair.accessToken(), "Bearer", pair.expiresIn(), pair.refreshToken());
        }
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a customer account",
            description = "Creates an account with the role CUSTOMER, creates its profile in user-service (so "
                    + "/api/users/{userId}/exists is true when this answers; should user-service be down, the profile follows "
                    + "from UserRegistered) and publishes UserRegistered on user-events. The email "
                    + "is stored in lower case. 400 VALIDATION_FAILED when the password is not 12 to 128 characters or uses "
                    + "one class of characters only; 409 EMAIL_TAKEN when the email has an account; 429 RATE_LIMITED (with "
                    + "Retry-After) after 20 registrations from one address within 10 minutes.")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "409", description = "EMAIL_TAKEN",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    RegisteredResponse register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
        registrations.attempt(clientAddresses.of(http));
        Account account = accounts.register(request.email(), request.password(), request.fullName());
        profiles.create(account);
        return new RegisteredResponse(account.id(), account.email());
    }

    @PostMapping("/login")
    @Operation(summary = "Log in",
            description = "Answers an access token (RS256 JWT with sub, roles, iss, aud, iat, exp, jti and sid, the session) "
                    + "and a refresh token. 401 INVALID_CREDENTIALS for an unknown email or a wrong password alike. After 5 "
                    + "failed logins in a row for an email, known or not, the next attempt must wait 1 s, doubling with every "
                    + "further failure up to 15 minutes: until then 429 LOGIN_THROTTLED with Retry-After, and the password "
                    + "is not checked. A successful login clears the count.")
    @ApiResponse(responseCode = "200", description = "Logged in")
    @ApiResponse(responseCode = "401", description = "INVALID_CREDENTIALS",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "LOGIN_THROTTLED",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    TokenResponse login(@Valid @RequestBody LoginRequest request) {
        return TokenResponse.of(sessions.login(request.email(), request.password()));
    }

    @PostMapping("/refresh")
    @Operation(summary = "Exchange a refresh token for new tokens",
            description = "Each refresh token works once: the answer carries a new access token and the next refresh token. "
                    + "Presenting a used refresh token again answers 401 REFRESH_TOKEN_REUSED and revokes the whole session "
                    + "(every later refresh token of it fails with 401 INVALID_REFRESH_TOKEN). When the same token is sent "
                    + "several times at once, one request wins and the others count as reuse, so the session ends. "
                    + "401 INVALID_REFRESH_TOKEN for unknown, expired or revoked tokens.")
    @ApiResponse(responseCode = "200", description = "New tokens")
    @ApiResponse(responseCode = "401", description = "INVALID_REFRESH_TOKEN or REFRESH_TOKEN_REUSED",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return TokenResponse.of(sessions.refresh(request.refreshToken()));
    }

    public record ChangeEmailRequest(
            @Schema(description = "The account's current password") @NotNull @Size(min = 1, max = PasswordPolicy.MAX_LENGTH) String password,
            @Schema(example = "jane.doe@example.com") @NotBlank @Email @Size(max = 254) String newEmail) {
    }

    @PutMapping("/email")
    @Operation(summary = "Change the signed-in user's email",
            description = "The email is the sign-in; changing it asks for the password again. The profile in user-service "
                    + "moves with it (it is changed first, so a failure leaves both as they were). 403 INVALID_CREDENTIALS "
                    + "when the password is wrong, 409 EMAIL_TAKEN when another account has the email, 503 SERVICE_UNAVAILABLE "
                    + "when the profile cannot be reached. Repeating the change answers the same.")
    @ApiResponse(responseCode = "200", description = "Changed")
    @ApiResponse(responseCode = "409", description = "EMAIL_TAKEN",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    RegisteredResponse changeEmail(@Valid @RequestBody ChangeEmailRequest request) {
        Account account = accounts.confirm(Access.caller().userId(), request.password());
        String email = Accounts.normalise(request.newEmail());
        if (account.email().equals(email)) {
            return new RegisteredResponse(account.id(), account.email());
        }
        accounts.requireEmailFreeFor(account, email);
        profiles.changeEmail(account.id(), email);
        try {
            Account moved = accounts.moveEmail(account, email);
            return new RegisteredResponse(moved.id(), moved.email());
        } catch (RuntimeException lostRace) {
            // another account took the email between the check and the move: the profile goes back; should that
            // fail too, the caller still learns why the change did not happen (the failure to go back is logged)
            try {
                profiles.changeEmail(account.id(), account.email());
            } catch (RuntimeException notMovedBack) {
                log.error("The profile of {} keeps {} although its account did not move there", account.id(), email, notMovedBack);
                lostRace.addSuppressed(notMovedBack);
            }
            throw lostRace;
        }
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Log out", description = "Ends the session of the refresh token; an unknown token changes nothing. "
            + "The session's access tokens are refused by every service within seconds (401), not only when they expire.")
    void logout(@Valid @RequestBody RefreshRequest request) {
        sessions.logout(request.refreshToken());
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The public keys that verify access tokens",
            description = "A JWK set of RSA keys (use sig, alg RS256): the current signing key and the previous one. "
                    + "Pick the key by the token's kid header.")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicJwks().toJSONObject(true));
    }
}
