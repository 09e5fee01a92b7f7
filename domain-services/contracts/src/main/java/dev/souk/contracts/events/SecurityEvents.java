package dev.souk.contracts.events;

import dev.souk.contracts.Topics;

import java.util.List;

/**
 * Security acts of the auth-service on {@code security-events}, for the audit log. Each names who acted
 * ({@code actorId}, {@code actorType} USER or SYSTEM) and the trace it ran in; none carries a password or a token.
 */
public final class SecurityEvents {

    private SecurityEvents() {
    }

    private interface AccountEvent extends DomainEvent {
        String userId();

        @Override
        default String topic() {
            return Topics.SECURITY_EVENTS;
        }

        @Override
        default String aggregateType() {
            return "account";
        }

        @Override
        default String aggregateId() {
            return userId();
        }
    }

    /** {@code userId} signed in and started session {@code sessionId}. */
    public record SignInSucceeded(String userId, String email, String sessionId, String actorId, String actorType,
                                  String traceId) implements AccountEvent {
        public SignInSucceeded(String userId, String email, String sessionId, String traceId) {
            this(userId, email, sessionId, userId, "USER", traceId);
        }
    }

    /**
     * A sign-in with {@code email} failed ({@code reason}: INVALID_CREDENTIALS); keyed by the email, known or not, since
     * whoever tried is not known.
     */
    public record SignInFailed(String email, String reason, String actorId, String actorType, String traceId)
            implements DomainEvent {
        public SignInFailed(String email, String reason, String traceId) {
            this(email, reason, "anonymous", "SYSTEM", traceId);
        }

        @Override
        public String topic() {
            return Topics.SECURITY_EVENTS;
        }

        @Override
        public String aggregateType() {
            return "sign-in";
        }

        @Override
        public String aggregateId() {
            return email;
        }
    }

    /** A used refresh token of session {@code sessionId} came back: the session was ended. */
    public record RefreshTokenReused(String userId, String sessionId, String actorId, String actorType, String traceId)
            implements AccountEvent {
        public RefreshTokenReused(String userId, String sessionId, String traceId) {
            this(userId, sessionId, "anonymous", "SYSTEM", traceId);
        }
    }

    /** An administrator ({@code actorId}) created the account {@code userId} with {@code roles}. */
    public record AccountCreated(String userId, String email, List<String> roles, String actorId, String actorType,
                                 String traceId) implements AccountEvent {
    }

    /** The account's sign-in email changed; {@code before} and {@code after} hold the email. */
    public record AccountEmailChanged(String userId, Summary before, Summary after, String actorId, String actorType,
                                      String traceId) implements AccountEvent {
    }

    /** The part of an account an event's before/after shows. */
    public record Summary(String email) {
    }
}
