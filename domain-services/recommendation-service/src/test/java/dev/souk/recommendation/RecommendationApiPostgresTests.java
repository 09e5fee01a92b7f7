package dev.souk.recommendation;

import dev.souk.kit.testing.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same recommendations on the real PostgreSQL server, with the production migrations. */
class RecommendationApiPostgresTests extends RecommendationApiTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.use(registry, "souk_recommendation_test", 5);
    }
}
