package dev.souk.contracts.events;

import dev.souk.contracts.Topics;

import java.time.Instant;

/** Events of the auth-service on {@code auth-events}, keyed by session id. */
public final class AuthEvents {

    private AuthEvents() {
    }

    /**
     * A session ended (logout, or its refresh token was used twice): access tokens whose {@code sid} claim is
     * {@code sessionId} must be refused. None of them lives past {@code revokedUntil} (the moment of revocation plus the
     * access-token lifetime), so a consumer may forget the session after that.
     */
    public record SessionRevoked(String sessionId, String userId, Instant revokedUntil) implements DomainEvent {

        @Override
        public String topic() {
            return Topics.AUTH_EVENTS;
        }

        @Override
        public String aggregateType() {
            return "session";
        }

        @Override
        public String aggregateId() {
            return sessionId;
        }
    }
}
