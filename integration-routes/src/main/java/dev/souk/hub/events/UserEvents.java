package dev.souk.hub.events;

import java.util.Map;

import org.apache.camel.Body;

import com.fasterxml.jackson.databind.JsonNode;

/** How the hub reads a user event. */
public final class UserEvents {

    private UserEvents() {
    }

    /** Only a registration needs a profile; every other user event is passed over. */
    public static boolean concerns(@Body JsonNode envelope) {
        return "UserRegistered".equals(envelope.path("type").asText());
    }

    /** The profile user-service should have for the registered user. */
    public static Map<String, String> profileOf(@Body JsonNode envelope) {
        JsonNode payload = envelope.path("payload");
        String userId = payload.path("userId").asText(null);
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("UserRegistered without a userId");
        }
        return Map.of("id", userId, "email", payload.path("email").asText(), "fullName", payload.path("fullName").asText());
    }
}
