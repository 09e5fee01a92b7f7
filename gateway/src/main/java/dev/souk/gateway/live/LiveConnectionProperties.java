package dev.souk.gateway.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * Live connections at the edge ({@code souk.gateway.live}): streams that answer for minutes (Server-Sent Events) and
 * WebSocket upgrades relayed to the service behind the path.
 *
 * @param streamPaths      request paths whose answers are streams: they get {@code streamTimeout} instead of the
 *                         normal request timeout ({@code spring.mvc.async.request-timeout})
 * @param streamTimeout    how long a stream may stay open through the gateway (the service usually ends it sooner)
 * @param webSocketPaths   paths where a WebSocket upgrade is relayed to an instance of the path's service
 * @param maxMessageSize   the largest WebSocket message relayed whole, either way
 * @param sendTimeLimit    how long one side may take to accept a relayed message before the connection is closed
 * @param maxOpenStreams   streams open at once through this gateway; each holds a worker thread while it runs
 */
@ConfigurationProperties("souk.gateway.live")
public record LiveConnectionProperties(List<String> streamPaths, Duration streamTimeout, List<String> webSocketPaths,
                                       DataSize maxMessageSize, Duration sendTimeLimit, Integer maxOpenStreams) {

    public LiveConnectionProperties {
        streamPaths = streamPaths == null ? List.of("/api/notifications/stream") : List.copyOf(streamPaths);
        streamTimeout = streamTimeout == null ? Duration.ofHours(1) : streamTimeout;
        webSocketPaths = webSocketPaths == null ? List.of("/api/notifications/ws") : List.copyOf(webSocketPaths);
        maxMessageSize = maxMessageSize == null ? DataSize.ofKilobytes(64) : maxMessageSize;
        sendTimeLimit = sendTimeLimit == null ? Duration.ofSeconds(10) : sendTimeLimit;
        maxOpenStreams = maxOpenStreams == null ? 100 : maxOpenStreams;
    }
}
