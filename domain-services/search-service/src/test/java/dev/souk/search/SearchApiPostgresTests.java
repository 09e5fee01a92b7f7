package dev.souk.search;

import dev.souk.kit.testing.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same searches on the real PostgreSQL server, with the production migrations. */
class SearchApiPostgresTests extends SearchApiTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.use(registry, "souk_search_test", 5);
    }
}
