package dev.souk.review;

import dev.souk.kit.problem.ApiException;
import dev.souk.kit.testing.Concurrently;
import dev.souk.kit.testing.PostgresTestDatabase;
import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.review.purchase.OrderEvent;
import dev.souk.review.purchase.PurchaseLedger;
import dev.souk.review.review.Review;
import dev.souk.review.review.ReviewService;
import dev.souk.review.review.ReviewService.Actor;
import dev.souk.review.review.ReviewService.Draft;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import static dev.souk.review.ReviewFixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Competing reviews, edits, moderation, deletions and redelivered events on the real PostgreSQL server: the rating
 * ends exactly where the reviews themselves say it should.
 */
@SoukServiceTest
class ReviewConcurrencyTests {

    private static final int THREADS = 12;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.use(registry, "souk_review_concurrency_test", 14);
    }

    @Autowired
    ReviewService reviews;
    @Autowired
    PurchaseLedger purchases;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSameOrderEventDeliveredManyTimesAtOnceIsAppliedOnce() throws Exception {
        String eventId = UUID.randomUUID().toString();
        OrderEvent confirmed = new OrderEvent(eventId, OrderEvent.Kind.CONFIRMED, newId("ord"), newId("user"), List.of(newId("prod")));

        List<String> outcomes = Concurrently.runTogether(16, () -> purchases.apply(confirmed, "OrderConfirmed").name());

        assertThat(outcomes).filteredOn("APPLIED"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("DUPLICATE"::equals).hasSize(15);
    }

    @Test
    void oneCustomersParallelReviewsOfAProductMakeOneReview() throws Exception {
        String product = newId("prod");
        String user = buyer(product);

        List<String> outcomes = Concurrently.runTogether(10, () -> outcome(() -> reviews.submit(user, product,
                new Draft(4, "Twice?", null)).status().name()));

        assertThat(outcomes).filteredOn("PUBLISHED"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("ALREADY_REVIEWED"::equals).hasSize(9);
        assertThat(reviews.check(product).stored().count()).isEqualTo(1);
        assertThat(reviews.check(product).drift()).isFalse();
    }

    @Test
    void manyCompetingChangesLeaveNoDriftInTheRating() throws Exception {
        // given twelve published reviews of one product
        String product = newId("prod");
        List<Review> written = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            written.add(reviews.submit(buyer(product), product, new Draft(1 + i % 5, "Review " + i, null)));
        }

        // when each is edited, approved, rejected and deleted by competing requests at once
        List<Callable<String>> changes = new ArrayList<>();
        for (Review review : written) {
            Actor author = new Actor(review.userId(), false);
            changes.add(() -> outcome(() -> reviews.edit(review.id(), author, new Draft(5, "Edited", null)).status().name()));
            changes.add(() -> outcome(() -> reviews.moderate(review.id(), ReviewService.Decision.REJECT, "spam").status().name()));
            changes.add(() -> outcome(() -> reviews.moderate(review.id(), ReviewService.Decision.APPROVE, null).status().name()));
            if (written.indexOf(review) % 3 == 0) {
                changes.add(() -> {
                    reviews.delete(review.id(), author);
                    return "DELETED";
                });
            }
        }
        Concurrently.runTogether(THREADS, changes);

        // then the stored rating is exactly the one recomputed from the rows, and counts only published reviews
        ReviewService.SummaryCheck check = reviews.check(product);
        assertThat(check.drift()).as("stored %s vs recomputed %s", check.stored(), check.recomputed()).isFalse();
        Integer published = jdbc.queryForObject("select count(*) from review where product_id = ? and status = 'PUBLISHED'",
                Integer.class, product);
        assertThat(check.stored().count()).isEqualTo(published.longValue());
    }

    private String buyer(String product) {
        String user = newId("user");
        purchases.apply(new OrderEvent(UUID.randomUUID().toString(), OrderEvent.Kind.CONFIRMED, newId("ord"), user,
                List.of(product)), "OrderConfirmed");
        return user;
    }

    private static String outcome(Callable<String> command) throws Exception {
        try {
            return command.call();
        } catch (ApiException e) {
            return e.code();
        }
    }
}
