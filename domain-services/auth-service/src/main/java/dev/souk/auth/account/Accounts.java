package dev.souk.auth.account;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.events.SecurityEvents.AccountCreated;
import dev.souk.contracts.events.SecurityEvents.AccountEmailChanged;
import dev.souk.contracts.events.SecurityEvents.Summary;
import dev.souk.contracts.events.UserEvents.UserRegistered;
import dev.souk.kit.outbox.Outbox;
import dev.souk.kit.problem.ApiException;
import org.slf4j.MDC;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Registers accounts and checks their credentials. */
@Service
public class Accounts {

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Accounts(AccountStore accounts, PasswordHasher hasher, Outbox outbox, TransactionTemplate transaction, Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Emails are compared and stored in lower case, without surrounding blanks. */
    public static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Creates a customer account and publishes UserRegistered. 400 VALIDATION_FAILED when the password breaks the
     * policy, 409 EMAIL_TAKEN when the email has an account.
     */
    public Account register(String email, String password, String fullName) {
        return create(email, password, fullName, List.of(Account.CUSTOMER));
    }

    Account create(String email, String password, String fullName, List<String> roles) {
        return create(null, email, password, fullName, roles, null);
    }

    /**
     * An account made by an administrator (staff, or a customer with a chosen id): 409 EMAIL_TAKEN or 409
     * ACCOUNT_EXISTS when the email or the id is in use. The audit log hears who made it ({@code adminId}).
     */
    public Account createByAdmin(String id, String email, String password, String fullName, List<String> roles,
                                 String adminId) {
        return create(id, email, password, fullName, roles, adminId);
    }

    private Account create(String id, String email, String password, String fullName, List<String> roles, String adminId) {
        List<String> violations = PasswordPolicy.violations(password);
        if (!violations.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, "Request is invalid.")
                    .with("errors", violations.stream()
                            .map(reason -> Map.of("field", "password", "message", reason))
                            .toList());
        }
        String normalised = normalise(email);
        // hashed outside the transaction: BCrypt is deliberately slow
        Account account = new Account(id != null ? id : "user-" + UUID.randomUUID(), normalised, fullName.strip(), hasher.hash(password),
                roles, clock.instant());
        try {
            return transaction.execute(status -> {
                if (accounts.findByEmail(normalised).isPresent()) {
                    throw emailTaken(normalised);
                }
                if (accounts.find(account.id()).isPresent()) {
                    throw ApiException.conflict(ProblemCodes.ACCOUNT_EXISTS, "An account with this id already exists.")
                            .with("userId", account.id());
                }
                accounts.insert(account);
                outbox.record(new UserRegistered(account.id(), account.email(), account.fullName()));
                if (adminId != null) {
                    outbox.record(new AccountCreated(account.id(), account.email(), account.roles(), adminId, "USER",
                            MDC.get("traceId")));
                }
                return account;
            });
        } catch (DuplicateKeyException raced) {
            // the same email or id inserted at the same moment
            throw accounts.find(account.id()).isPresent() && id != null
                    ? ApiException.conflict(ProblemCodes.ACCOUNT_EXISTS, "An account with this id already exists.")
                    : emailTaken(normalised);
        }
    }

    private static ApiException emailTaken(String email) {
        return ApiException.conflict(ProblemCodes.EMAIL_TAKEN, "An account with this email already exists.")
                .with("email", email);
    }

    /**
     * The account with this email and password; 401 INVALID_CREDENTIALS otherwise, with the same answer and about the
     * same time whether the email is unknown or the password wrong.
     */
    public Account authenticate(String email, String password) {
        Optional<Account> account = accounts.findByEmail(normalise(email));
        if (account.isEmpty()) {
            hasher.spendComparisonTime(password);
            throw invalidCredentials();
        }
        if (!hasher.matches(password, account.get().passwordHash())) {
            throw invalidCredentials();
        }
        return account.get();
    }

    /**
     * The signed-in user's account when {@code password} is theirs: a sensitive change asks for the password again.
     * 403 INVALID_CREDENTIALS when it is wrong, 404 USER_NOT_FOUND when the token's user has no account.
     */
    public Account confirm(String userId, String password) {
        Account account = accounts.find(userId).orElseThrow(() ->
                ApiException.notFound(ProblemCodes.USER_NOT_FOUND, "No account for user " + userId + "."));
        if (!hasher.matches(password, account.passwordHash())) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemCodes.INVALID_CREDENTIALS, "The password is wrong.");
        }
        return account;
    }

    /** 409 EMAIL_TAKEN unless {@code email} is free or already this account's. */
    public void requireEmailFreeFor(Account account, String email) {
        String normalised = normalise(email);
        accounts.findByEmail(normalised)
                .filter(other -> !other.id().equals(account.id()))
                .ifPresent(other -> {
                    throw emailTaken(normalised);
                });
    }

    /** Moves the account's sign-in to {@code email}: 409 EMAIL_TAKEN when another account took it meanwhile. */
    public Account moveEmail(Account account, String email) {
        String normalised = normalise(email);
        try {
            boolean moved = Boolean.TRUE.equals(transaction.execute(status -> {
                boolean updated = accounts.updateEmail(account.id(), account.email(), normalised);
                if (updated) {
                    outbox.record(new AccountEmailChanged(account.id(), new Summary(account.email()), new Summary(normalised),
                            account.id(), "USER", MDC.get("traceId")));
                }
                return updated;
            }));
            if (!moved) {
                throw ApiException.conflict(ProblemCodes.CONCURRENT_UPDATE, "The account's email was changed meanwhile; try again.");
            }
        } catch (DuplicateKeyException raced) {
            throw emailTaken(normalised);
        }
        return accounts.find(account.id()).orElseThrow();
    }

    public Optional<Account> find(String userId) {
        return accounts.find(userId);
    }

    Optional<Account> findByEmail(String email) {
        return accounts.findByEmail(normalise(email));
    }

    private static ApiException invalidCredentials() {
        return new ApiException(HttpStatus.UNAUTHORIZED, ProblemCodes.INVALID_CREDENTIALS, "The email or the password is wrong.");
    }
}
