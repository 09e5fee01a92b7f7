package dev.souk.auth.throttle;

import dev.souk.kit.problem.ApiException;
import org.springframework.http.HttpStatus;

import java.time.Duration;

/** 429 with a {@code Retry-After}: the caller may try again once {@link #retryAfter()} has passed. */
public class TooManyAttemptsException extends ApiException {

    private final Duration retryAfter;

    public TooManyAttemptsException(String code, String detail, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, code, detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up and at least one, as {@code Retry-After} takes them. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
