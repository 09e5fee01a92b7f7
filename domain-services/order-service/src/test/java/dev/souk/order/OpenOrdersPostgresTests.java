package dev.souk.order;

import dev.souk.kit.testing.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same cap on the real PostgreSQL server, where placements really run in parallel. */
class OpenOrdersPostgresTests extends OpenOrdersTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.use(registry, "souk_order_open_orders_test", 16);
    }
}
