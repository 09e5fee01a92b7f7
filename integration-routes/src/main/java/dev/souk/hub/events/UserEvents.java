package dev.souk.hub.events;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.hub.downstream.ServiceCallRoutes;

/** What the hub does with one user event: the profile of a registered user, created in user-service if missing. */
@Component("userEvents")
public class UserEvents {

    private static final Logger log = LoggerFactory.getLogger(UserEvents.class);

    private final ProducerTemplate producer;
    private final ObjectMapper json;

    public UserEvents(ProducerTemplate producer, ObjectMapper json) {
        this.producer = producer;
        this.json = json;
    }

    public void handle(@Body String event) throws JsonProcessingException {
        JsonNode envelope = json.readTree(event);
        if (!"UserRegistered".equals(envelope.path("type").asText())) {
            return;
        }
        JsonNode payload = envelope.path("payload");
        String userId = payload.path("userId").asText(null);
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("UserRegistered without a userId");
        }
        String profile = json.createObjectNode().put("id", userId).put("email", payload.path("email").asText())
                .put("fullName", payload.path("fullName").asText()).toString();
        Exchange answer = producer.request(ServiceCallRoutes.callOf("user-service"), ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            ex.getMessage().setHeader(Exchange.HTTP_PATH, "/api/users");
            ex.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            ex.getMessage().setBody(profile);
        });
        if (answer.getException() != null) {
            throw new IllegalStateException("user-service could not take the profile of " + userId, answer.getException());
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        switch (status) {
            case 200, 201 -> log.debug("Profile of {} is in user-service ({})", userId, status);
            // the profile exists and was changed since: nothing to do
            case 409 -> log.info("Profile of {} exists with other data; kept as it is", userId);
            default -> throw new IllegalStateException("user-service answered " + status + " to the profile of " + userId);
        }
    }
}
