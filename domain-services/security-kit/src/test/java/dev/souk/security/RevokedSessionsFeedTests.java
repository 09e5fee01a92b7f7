package dev.souk.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.souk.contracts.Topics;
import dev.souk.contracts.events.AuthEvents.SessionRevoked;
import dev.souk.contracts.events.EventEnvelope;
import dev.souk.security.testing.TestTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Apps learn from auth-events which sessions ended, within seconds, also when they start later. */
@EmbeddedKafka(kraft = true, partitions = 2, topics = Topics.AUTH_EVENTS)
class RevokedSessionsFeedTests {

    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final SoukSecurityProperties PROPERTIES = new SoukSecurityProperties(null, null, null, SKEW, false, null, null, null);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final List<RevokedSessionsFeed> feeds = new ArrayList<>();

    @AfterEach
    void stopFeeds() {
        feeds.forEach(RevokedSessionsFeed::stop);
    }

    @Test
    void anEndedSessionsTokensAreRefusedWithinSecondsAndAnAppStartingLaterKnowsItToo(EmbeddedKafkaBroker broker) throws Exception {
        // given an app reading auth-events that has verified (and remembers) the tokens of two sessions
        App early = app(broker.getBrokersAsString());
        String ended = TestTokens.inSession("user-1", "fam-ended");
        String other = TestTokens.inSession("user-2", "fam-other");
        early.decoder().decode(ended);
        early.decoder().decode(other);

        // when the auth-service ends the first session
        publish(broker, new SessionRevoked("fam-ended", "user-1", Instant.now().plus(Duration.ofMinutes(15))));

        // then within seconds its token is refused, while the other session's and a SERVICE token still work
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> early.decoder().decode(ended)).isInstanceOf(BadJwtException.class));
        assertThat(early.decoder().decode(other).getSubject()).isEqualTo("user-2");
        assertThat(early.decoder().decode(TestTokens.service()).getSubject()).isEqualTo("integration-hub");

        // and an app that starts afterwards learns the earlier revocation as well
        App late = app(broker.getBrokersAsString());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> late.decoder().decode(ended)).isInstanceOf(BadJwtException.class));
        assertThat(late.decoder().decode(other).getSubject()).isEqualTo("user-2");

        // and a feed that is reading stops promptly
        assertThat(timeToStop(late.feed())).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void withoutABrokerAFeedStartsAtOnceTokensStillWorkAndItStopsPromptly() throws Exception {
        // given no broker at the configured address
        String nowhere;
        try (ServerSocket free = new ServerSocket(0)) {
            nowhere = "127.0.0.1:" + free.getLocalPort();
        }

        // when an app starts its feed there
        long starting = System.nanoTime();
        App app = app(nowhere);

        // then starting did not wait, tokens are still checked, and the feed stops at once
        assertThat(Duration.ofNanos(System.nanoTime() - starting)).isLessThan(Duration.ofSeconds(1));
        assertThat(app.feed().isRunning()).isTrue();
        assertThat(app.decoder().decode(TestTokens.inSession("user-1", "fam-1")).getSubject()).isEqualTo("user-1");
        assertThat(timeToStop(app.feed())).isLessThan(Duration.ofSeconds(2));
        assertThat(app.feed().isRunning()).isFalse();
    }

    private record App(RevokedSessionsFeed feed, JwtDecoder decoder) {
    }

    private App app(String brokers) {
        RevokedSessions revoked = new RevokedSessions(1_000, SKEW, Clock.systemUTC());
        RevokedSessionsFeed feed = new RevokedSessionsFeed(revoked, brokers, Topics.AUTH_EVENTS, Duration.ofMinutes(20),
                "feed-tests", Clock.systemUTC());
        feeds.add(feed);
        feed.start();
        return new App(feed, AccessTokenDecoder.over(TestTokens.keys(), PROPERTIES, revoked));
    }

    /** As the auth-service's outbox relay publishes it: the envelope as JSON, keyed by session. */
    private static void publish(EmbeddedKafkaBroker broker, SessionRevoked event) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(event.topic(), event.aggregateId(),
                    JSON.writeValueAsString(EventEnvelope.of(event, Instant.now())))).get();
        }
    }

    private static Duration timeToStop(RevokedSessionsFeed feed) {
        long stopping = System.nanoTime();
        feed.stop();
        return Duration.ofNanos(System.nanoTime() - stopping);
    }
}
