package dev.souk.auth.throttle;

import dev.souk.auth.throttle.LoginFailureStore.LoginFailures;
import dev.souk.contracts.ProblemCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Slows down password guessing, per email. After 5 failed logins in a row for an email, the next attempt must wait 1 s,
 * and every further failure doubles the wait, up to 15 minutes ({@code souk.auth.login-throttle.*}).
 * While an email must wait, a login for it answers 429 LOGIN_THROTTLED with {@code Retry-After} and its password is not
 * checked, so guesses made meanwhile learn nothing. Emails without an account are counted alike, so the answers never
 * tell whether an account exists. A successful login clears the count; failures older than a day are forgotten. The
 * wait always ends, so a stranger can slow the owner down but never lock them out for good. The counts live in the
 * database, so every replica of the auth-service sees the same.
 *
 * <p>An attempt is counted before its password is checked, and a success takes it back: parallel guesses for one
 * email are counted one after the other (the email's row is locked) and cannot slip past the limit together.
 */
@Service
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final LoginFailureStore failures;
    private final LoginThrottleProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LoginThrottle(LoginFailureStore failures, LoginThrottleProperties properties, TransactionTemplate transaction, Clock clock) {
        this.failures = failures;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Counts a login attempt for {@code email} (normalised) as failed until {@link #succeeded} says otherwise; 429
     * LOGIN_THROTTLED, without counting, while the email must wait.
     */
    public void attempt(String email) {
        if (!properties.enabled()) {
            return;
        }
        // to the millisecond, as every database keeps it: a wait read back is exactly the wait written
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Instant> waitUntil;
        try {
            waitUntil = transaction.execute(status -> count(email, now));
        } catch (DuplicateKeyException firstFailureRaced) {
            waitUntil = transaction.execute(status -> count(email, now));
        }
        if (waitUntil != null && waitUntil.isPresent()) {
            throw new TooManyAttemptsException(ProblemCodes.LOGIN_THROTTLED,
                    "Too many failed logins for this email; try again later (see Retry-After).",
                    Duration.between(now, waitUntil.get()));
        }
    }

    /** The attempt for {@code email} succeeded: its failures are forgotten. */
    public void succeeded(String email) {
        if (properties.enabled()) {
            failures.delete(email);
        }
    }

    /** How long an email waits after its {@code failureCount}-th failure in a row. */
    Duration waitAfter(int failureCount) {
        if (failureCount < properties.failuresBeforeWait()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failureCount - properties.failuresBeforeWait(), 30);
        Duration wait = properties.firstWait().multipliedBy(1L << doublings);
        return wait.compareTo(properties.maxWait()) > 0 ? properties.maxWait() : wait;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void forgetOldFailures() {
        int forgotten = failures.deleteLastFailedBefore(clock.instant().minus(properties.forgetAfter()));
        if (forgotten > 0) {
            log.info("Forgot the failed logins of {} emails", forgotten);
        }
    }

    private Optional<Instant> count(String email, Instant now) {
        Optional<LoginFailures> current = failures.lock(email);
        Instant blockedUntil = current.map(LoginFailures::blockedUntil).orElse(null);
        if (blockedUntil != null && now.isBefore(blockedUntil)) {
            return Optional.of(blockedUntil);
        }
        int count = current.filter(f -> f.lastFailedAt().plus(properties.forgetAfter()).isAfter(now))
                .map(f -> f.failures() + 1)
                .orElse(1);
        Duration wait = waitAfter(count);
        Instant nextAttempt = wait.isZero() ? null : now.plus(wait);
        if (current.isPresent()) {
            failures.update(email, count, now, nextAttempt);
        } else {
            failures.insert(email, count, now, nextAttempt);
        }
        return Optional.empty();
    }
}
