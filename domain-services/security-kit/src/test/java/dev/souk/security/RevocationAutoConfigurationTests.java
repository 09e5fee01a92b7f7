package dev.souk.security;

import dev.souk.security.testing.TestTokens;
import dev.souk.security.testing.TestTokensConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevocationAutoConfigurationTests {

    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SecurityKitAutoConfiguration.class))
            .withUserConfiguration(TestTokensConfiguration.class)
            .withPropertyValues("souk.security.revocations.bootstrap-servers=127.0.0.1:1");

    @Test
    void everyAppReadsEndedSessionsWithoutWaitingForKafkaAndStopsReadingOnClose() {
        AtomicReference<RevokedSessionsFeed> feed = new AtomicReference<>();

        app.run(context -> {
            // given an app without a broker, started
            feed.set(context.getBean(RevokedSessionsFeed.class));
            assertThat(feed.get().isRunning()).isTrue();

            // when a session is known to have ended, then the app's decoder refuses its tokens
            context.getBean(RevokedSessions.class).revoke("fam-1", Instant.now().plus(Duration.ofMinutes(15)));
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            assertThatThrownBy(() -> decoder.decode(TestTokens.inSession("user-1", "fam-1"))).isInstanceOf(BadJwtException.class);
            assertThat(decoder.decode(TestTokens.inSession("user-1", "fam-2")).getSubject()).isEqualTo("user-1");
        });

        // and closing the app stops the feed
        assertThat(feed.get().isRunning()).isFalse();
    }

    @Test
    void turnedOffThereIsNoFeedAndTokensAreStillChecked() {
        app.withPropertyValues("souk.security.revocations.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(RevokedSessionsFeed.class);
            assertThat(context.getBean(JwtDecoder.class).decode(TestTokens.customer("user-1")).getSubject()).isEqualTo("user-1");
        });
    }

    @Test
    void theBrokersAreTheRevocationsOwnElseTheAppsKafkaElseTheEnvironmentsElseTheLocalOne() {
        RevocationProperties unset = new RevocationProperties(true, null, "auth-events", Duration.ofHours(1), 10);
        RevocationProperties own = new RevocationProperties(true, "kafka-a:9092", "auth-events", Duration.ofHours(1), 10);

        assertThat(SecurityKitAutoConfiguration.bootstrapServers(unset, new MockEnvironment())).isEqualTo("localhost:9092");
        assertThat(SecurityKitAutoConfiguration.bootstrapServers(unset, new MockEnvironment()
                .withProperty("SOUK_KAFKA_BOOTSTRAP", "kafka-b:9092"))).isEqualTo("kafka-b:9092");
        assertThat(SecurityKitAutoConfiguration.bootstrapServers(unset, new MockEnvironment()
                .withProperty("SOUK_KAFKA_BOOTSTRAP", "kafka-b:9092")
                .withProperty("spring.kafka.bootstrap-servers", "kafka-c:9092,kafka-d:9092"))).isEqualTo("kafka-c:9092,kafka-d:9092");
        assertThat(SecurityKitAutoConfiguration.bootstrapServers(own, new MockEnvironment()
                .withProperty("spring.kafka.bootstrap-servers", "kafka-c:9092"))).isEqualTo("kafka-a:9092");
    }
}
