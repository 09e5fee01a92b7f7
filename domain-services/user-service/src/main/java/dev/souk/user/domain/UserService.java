package dev.souk.user.domain;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.events.UserEvents.UserRegistered;
import dev.souk.contracts.events.UserEvents.UserUpdated;
import dev.souk.kit.outbox.Outbox;
import dev.souk.kit.problem.ApiException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

@Service
public class UserService {

    private final UserRepository users;
    private final Outbox outbox;
    private final Clock clock;

    UserService(UserRepository users, Outbox outbox, Clock clock) {
        this.users = users;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record Created(User user, boolean isNew) {
    }

    /**
     * Creates a user. Repeating the same request with the same id answers the existing user (a retry is
     * harmless); the same id with other data, or an email that belongs to someone else, is a conflict.
     */
    @Transactional
    public Created create(String requestedId, String email, String fullName, String phone) {
        String id = requestedId == null ? "user-" + UUID.randomUUID() : requestedId;
        Optional<User> existing = users.findById(id);
        if (existing.isPresent()) {
            if (existing.get().sameAs(email, fullName, phone)) {
                return new Created(existing.get(), false);
            }
            throw ApiException.conflict(ProblemCodes.USER_EXISTS, "A different user with id " + id + " already exists.");
        }
        ensureEmailFree(email, id);
        User user = users.saveAndFlush(new User(id, email, fullName, phone, clock.instant()));
        outbox.record(new UserRegistered(user.id(), user.email(), user.fullName()));
        return new Created(user, true);
    }

    /**
     * Changes a profile. The email is the sign-in identity the auth-service registered; only staff and the platform
     * ({@code mayChangeEmail}) change it here, otherwise a customer could claim an address someone else is about to
     * register with and leave that account without a profile.
     */
    @Transactional
    public User update(String id, String email, String fullName, String phone, boolean mayChangeEmail) {
        User user = get(id);
        if (!mayChangeEmail && !user.email().equals(User.normalise(email))) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemCodes.EMAIL_MANAGED_BY_ACCOUNT,
                    "The email address is the account's sign-in and cannot be changed through the profile.");
        }
        ensureEmailFree(email, id);
        user.change(email, fullName, phone, clock.instant());
        users.flush();
        outbox.record(new UserUpdated(user.id(), user.email(), user.fullName()));
        return user;
    }

    @Transactional(readOnly = true)
    public User get(String id) {
        return users.findById(id)
                .orElseThrow(() -> ApiException.notFound(ProblemCodes.USER_NOT_FOUND, "No user with id " + id + "."));
    }

    @Transactional(readOnly = true)
    public boolean exists(String id) {
        return users.existsById(id);
    }

    @Transactional(readOnly = true)
    public Page<User> list(Pageable pageable) {
        return users.findAll(pageable);
    }

    private void ensureEmailFree(String email, String ownerId) {
        users.findByEmail(User.normalise(email))
                .filter(other -> !other.id().equals(ownerId))
                .ifPresent(other -> {
                    throw ApiException.conflict(ProblemCodes.EMAIL_TAKEN, "The email address is already registered.");
                });
    }
}
