package dev.souk.notification;

import dev.souk.kit.testing.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same behaviour on the real PostgreSQL server, with the production migrations. */
class NotificationApiPostgresTests extends NotificationApiTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.use(registry, "souk_notification_test", 10);
    }
}
