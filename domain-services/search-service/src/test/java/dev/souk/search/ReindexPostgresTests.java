package dev.souk.search;

import dev.souk.kit.testing.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Reindexing on the real PostgreSQL server (row locks, batches of removals). */
class ReindexPostgresTests extends ReindexTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.use(registry, "souk_search_reindex_test", 5);
    }
}
