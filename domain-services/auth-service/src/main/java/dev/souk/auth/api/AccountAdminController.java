package dev.souk.auth.api;

import dev.souk.auth.account.Account;
import dev.souk.auth.account.Accounts;
import dev.souk.auth.account.PasswordPolicy;
import dev.souk.auth.profile.UserProfiles;
import dev.souk.contracts.Ids;
import dev.souk.kit.security.Access;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/auth/accounts")
@Tag(name = "Accounts (admin)", description = "Accounts made by an administrator: staff, or customers with a chosen id.")
public class AccountAdminController {

    private final Accounts accounts;
    private final UserProfiles profiles;

    AccountAdminController(Accounts accounts, UserProfiles profiles) {
        this.accounts = accounts;
        this.profiles = profiles;
    }

    public record AccountRequest(
            @Schema(description = "Optional; generated when absent", example = "user-123")
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH) String password,
            @NotBlank @Size(max = 200) String fullName,
            @Schema(description = "CUSTOMER and/or ADMIN", example = "[\"CUSTOMER\"]")
            @NotEmpty @Size(max = 2) List<@Pattern(regexp = "CUSTOMER|ADMIN", message = "must be CUSTOMER or ADMIN") String> roles) {
    }

    public record AccountResponse(String userId, String email, List<String> roles) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Create an account (ADMIN)",
            description = "Like register, with a chosen id and roles (CUSTOMER, ADMIN; SERVICE is never a person's role). "
                    + "Creates the user profile too. 409 EMAIL_TAKEN or ACCOUNT_EXISTS when the email or the id is in use; "
                    + "403 FORBIDDEN for a caller who is not an administrator.")
    @ApiResponse(responseCode = "201", description = "Created")
    AccountResponse create(@Valid @RequestBody AccountRequest request) {
        Account account = accounts.createByAdmin(request.id(), request.email(), request.password(), request.fullName(),
                request.roles().stream().distinct().sorted().toList(), Access.caller().userId());
        profiles.create(account);
        return new AccountResponse(account.id(), account.email(), account.roles());
    }

}
