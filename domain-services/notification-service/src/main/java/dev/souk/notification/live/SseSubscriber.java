package dev.souk.notification.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.notification.notification.Notification;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;

/** A Server-Sent Events stream: each notification is an event named {@code notification} whose id is its stream number. */
final class SseSubscriber extends LiveSubscriber {

    private final SseEmitter emitter;
    private final ObjectMapper json;

    SseSubscriber(String userId, long lastSent, SseEmitter emitter, ObjectMapper json) {
        super(userId, lastSent);
        this.emitter = emitter;
        this.json = json;
    }

    @Override
    void send(Notification notification) throws IOException {
        emitter.send(SseEmitter.event()
                .id(Long.toString(notification.streamSeq()))
                .name("notification")
                .data(json.writeValueAsString(LiveMessage.of(notification)), MediaType.APPLICATION_JSON));
    }

    @Override
    void ping() throws IOException {
        emitter.send(SseEmitter.event().comment("keep-alive"));
    }
}
