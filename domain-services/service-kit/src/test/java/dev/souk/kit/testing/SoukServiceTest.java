package dev.souk.kit.testing;

import dev.souk.security.testing.TestTokensConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A whole service on an in-memory H2 database (fresh per context) with MockMvc, without registry, config server
 * or the outbox relay. Tokens of {@link dev.souk.security.testing.TestTokens} are trusted; requests carry a SERVICE
 * token unless they say otherwise ({@link ServiceTestSecurity}). Tests that need PostgreSQL or Kafka add
 * {@link PostgresTestDatabase} or an embedded broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(properties = {
        "eureka.client.enabled=false",
        "spring.cloud.config.enabled=false",
        "spring.cloud.config.import-check.enabled=false",
        "spring.cloud.discovery.enabled=false",
        "souk.outbox.relay.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:${random.uuid};DB_CLOSE_DELAY=-1",
        "logging.structured.format.console=",
})
@AutoConfigureMockMvc
@Import({TestTokensConfiguration.class, ServiceTestSecurity.class})
public @interface SoukServiceTest {
}
