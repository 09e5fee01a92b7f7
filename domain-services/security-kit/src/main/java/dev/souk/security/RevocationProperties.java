package dev.souk.security;

import dev.souk.contracts.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How an app learns the sessions the auth-service ended ({@code souk.security.revocations.*}).
 *
 * @param enabled          read {@code auth-events} and refuse the tokens of ended sessions
 * @param bootstrapServers the Kafka brokers; when not set, {@code spring.kafka.bootstrap-servers}, else
 *                         {@code SOUK_KAFKA_BOOTSTRAP}, else {@code localhost:9092}
 * @param topic            where the auth-service publishes {@code SessionRevoked}
 * @param maxTokenLifetime the longest an access token lives (at least {@code souk.auth.access-ttl}): on start, the app
 *                         reads the revocations of this long ago onwards
 * @param capacity         how many ended sessions an app keeps at most
 */
@ConfigurationProperties("souk.security.revocations")
public record RevocationProperties(@DefaultValue("true") boolean enabled,
                                   String bootstrapServers,
                                   @DefaultValue(Topics.AUTH_EVENTS) String topic,
                                   @DefaultValue("1h") Duration maxTokenLifetime,
                                   @DefaultValue("100000") int capacity) {
}
