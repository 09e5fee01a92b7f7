package dev.souk.auth;

import dev.souk.kit.testing.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same throttle on the real PostgreSQL server, where replicas share it. */
class LoginThrottlePostgresTests extends LoginThrottleTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.use(registry, "souk_auth_throttle_test", 24);
    }
}
