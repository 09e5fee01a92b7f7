package dev.souk.notification.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Duration;

/** Opens Server-Sent Events streams: registered with {@link LiveNotifications}, removed when they end. */
@Component
public class LiveStreams {

    private final LiveNotifications live;
    private final ObjectMapper json;
    private final Duration maxDuration;

    LiveStreams(LiveNotifications live, ObjectMapper json,
                @Value("${souk.notifications.live.max-stream-duration:PT30M}") Duration maxDuration) {
        this.live = live;
        this.json = json;
        this.maxDuration = maxDuration;
    }

    /**
     * A stream of {@code userId}'s notifications after stream number {@code lastEventId}. It ends after the maximum
     * duration; the client reconnects with Last-Event-ID and misses nothing.
     */
    public SseEmitter open(String userId, long lastEventId) {
        SseEmitter emitter = new SseEmitter(maxDuration.toMillis());
        SseSubscriber subscriber = new SseSubscriber(userId, lastEventId, emitter, json);
        emitter.onCompletion(() -> live.close(subscriber));
        emitter.onTimeout(() -> {
            live.close(subscriber);
            emitter.complete();
        });
        emitter.onError(error -> live.close(subscriber));
        try {
            // answers the headers at once (a client knows it is connected) and tells it how soon to reconnect
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(3000));
        } catch (java.io.IOException gone) {
            emitter.completeWithError(gone);
            return emitter;
        }
        live.open(subscriber);
        return emitter;
    }
}
