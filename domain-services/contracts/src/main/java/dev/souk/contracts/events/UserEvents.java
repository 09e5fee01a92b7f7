package dev.souk.contracts.events;

import dev.souk.contracts.Topics;

/** Events of the user-service, on {@code user-events}. */
public final class UserEvents {

    private UserEvents() {
    }

    private interface UserEvent extends DomainEvent {
        String userId();

        @Override
        default String topic() {
            return Topics.USER_EVENTS;
        }

        @Override
        default String aggregateType() {
            return "user";
        }

        @Override
        default String aggregateId() {
            return userId();
        }
    }

    public record UserRegistered(String userId, String email, String fullName) implements UserEvent {
    }

    public record UserUpdated(String userId, String email, String fullName) implements UserEvent {
    }
}
