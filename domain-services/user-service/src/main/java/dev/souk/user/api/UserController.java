package dev.souk.user.api;

import dev.souk.kit.security.Access;
import dev.souk.contracts.Ids;
import dev.souk.kit.web.PageResponse;
import dev.souk.user.domain.User;
import dev.souk.user.domain.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;

@RestController
@RequestMapping("/api/users")
@Validated
@Tag(name = "Users")
public class UserController {

    private static final String PHONE = "\\+?[0-9 ()-]{3,40}";

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    public record CreateUserRequest(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 200) String fullName,
            @Pattern(regexp = PHONE) String phone) {
    }

    public record UpdateUserRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 200) String fullName,
            @Pattern(regexp = PHONE) String phone) {
    }

    public record UserResponse(String id, String email, String fullName, String phone, Instant createdAt, Instant updatedAt) {
        static UserResponse of(User user) {
            return new UserResponse(user.id(), user.email(), user.fullName(), user.phone(), user.createdAt(), user.updatedAt());
        }
    }

    @PostMapping
    @Operation(summary = "Create a user", description = "Repeating a create with the same id and data answers 200 with the existing user.")
    ResponseEntity<UserResponse> create(@Valid @RequestBody CreateUserRequest request) {
        UserService.Created created = users.create(request.id(), request.email(), request.fullName(), request.phone());
        UserResponse body = UserResponse.of(created.user());
        return created.isNew()
                ? ResponseEntity.created(URI.create("/api/users/" + body.id())).body(body)
                : ResponseEntity.ok(body);
    }

    @GetMapping("/{id}")
    UserResponse get(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id) {
        Access.requireActingFor(id);
        return UserResponse.of(users.get(id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a profile", description = "A customer changes their name and phone; the email is the "
            + "account's sign-in, changed with PUT /api/auth/email, and only staff and the platform change it here "
            + "(403 EMAIL_MANAGED_BY_ACCOUNT otherwise).")
    UserResponse update(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                        @Valid @RequestBody UpdateUserRequest request) {
        Access.requireActingFor(id);
        return UserResponse.of(users.update(id, request.email(), request.fullName(), request.phone(),
                Access.caller().isPrivileged()));
    }

    @GetMapping("/{id}/exists")
    @Operation(summary = "Whether a user exists", description = "Answers true or false; never 404. A customer may ask only about themselves.")
    boolean exists(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id) {
        Access.requireActingFor(id);
        return users.exists(id);
    }

    @GetMapping
    PageResponse<UserResponse> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                    @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.of(users.list(PageRequest.of(page, size, Sort.by("createdAt", "id"))), UserResponse::of);
    }

}
