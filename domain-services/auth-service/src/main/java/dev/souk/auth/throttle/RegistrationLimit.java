package dev.souk.auth.throttle;

import dev.souk.contracts.ProblemCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code attempts} registrations per client address within {@code window} (20 per 10 minutes), also for
 * calls that do not come through the gateway: registering costs a password hash and a profile, and its 409 tells
 * whether an email has an account. Kept in memory, per replica, for at most {@code maxAddresses} addresses; when that
 * many are remembered the ended windows are dropped, and if none has ended, all are (the limit is briefly lifted rather
 * than refusing every newcomer).
 */
@Component
public class RegistrationLimit {

    private static final Logger log = LoggerFactory.getLogger(RegistrationLimit.class);

    private record Window(Instant endsAt, int used) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final RegisterLimitProperties properties;
    private final Clock clock;

    RegistrationLimit(RegisterLimitProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Counts a registration from {@code address}; 429 RATE_LIMITED once the address has used up its window. */
    public void attempt(String address) {
        Instant now = clock.instant();
        if (windows.size() >= properties.maxAddresses() && !windows.containsKey(address)) {
            makeRoom(now);
        }
        Window window = windows.compute(address, (key, current) -> current == null || !now.isBefore(current.endsAt())
                ? new Window(now.plus(properties.window()), 1)
                : new Window(current.endsAt(), Math.min(current.used() + 1, properties.attempts() + 1)));
        if (window.used() > properties.attempts()) {
            throw new TooManyAttemptsException(ProblemCodes.RATE_LIMITED,
                    "Too many registrations from this address; try again later (see Retry-After).",
                    Duration.between(now, window.endsAt()));
        }
    }

    /** How many addresses are remembered now. */
    int remembered() {
        return windows.size();
    }

    private synchronized void makeRoom(Instant now) {
        windows.values().removeIf(window -> !now.isBefore(window.endsAt()));
        if (windows.size() >= properties.maxAddresses()) {
            log.warn("Registrations came from more than {} addresses within {}; their counts start afresh",
                    properties.maxAddresses(), properties.window());
            windows.clear();
        }
    }
}
