package dev.souk.review.review;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.events.ReviewEvents.ProductRatingChanged;
import dev.souk.contracts.events.ReviewEvents.ReviewDeleted;
import dev.souk.contracts.events.ReviewEvents.ReviewEdited;
import dev.souk.contracts.events.ReviewEvents.ReviewModerated;
import dev.souk.contracts.events.ReviewEvents.ReviewSubmitted;
import dev.souk.kit.outbox.Outbox;
import dev.souk.kit.problem.ApiException;
import dev.souk.review.purchase.PurchaseLedger;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reviews and the ratings they make. Every change of a review is one transaction on its locked row that also moves
 * the product's rating summary by exactly the difference it makes (a published review counts, any other does not),
 * and records the events in the outbox; a change that makes no difference moves nothing.
 */
@Service
public class ReviewService {

    /** Who asks: the user id of the verified token and whether they are staff. */
    public record Actor(String userId, boolean staff) {
    }

    public record Draft(int rating, String title, String body) {
    }

    public enum Decision { APPROVE, REJECT }

    public record Vote(Review review, boolean counted) {
    }

    public record SummaryCheck(RatingSummary stored, RatingSummary recomputed) {
        public boolean drift() {
            return !stored.sameCounts(recomputed);
        }
    }

    private final ReviewStore reviews;
    private final PurchaseLedger purchases;
    private final ModerationRule moderation;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ReviewService(ReviewStore reviews, PurchaseLedger purchases, ModerationRule moderation, Outbox outbox,
                  TransactionTemplate transaction, Clock clock) {
        this.reviews = reviews;
        this.purchases = purchases;
        this.moderation = moderation;
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A verified buyer's first review of the product: published, or held for moderation by the automatic check. */
    public Review submit(String userId, String productId, Draft draft) {
        if (!purchases.isVerifiedBuyer(userId, productId)) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemCodes.NOT_A_VERIFIED_BUYER,
                    "Only a customer with a confirmed or completed order of product " + productId + " may review it.");
        }
        if (reviews.exists(productId, userId)) {
            throw alreadyReviewed(productId);
        }
        Instant now = clock.instant();
        reviews.ensureSummary(productId, now);
        try {
            return transaction.execute(tx -> {
                Optional<String> flag = moderation.flag(draft.title(), draft.body());
                Review review = new Review("rev-" + UUID.randomUUID(), productId, userId, draft.rating(), draft.title(),
                        draft.body(), flag.isPresent() ? ReviewStatus.PENDING_MODERATION : ReviewStatus.PUBLISHED,
                        flag.orElse(null), null, 0, false, now, now);
                reviews.insert(review);
                outbox.record(new ReviewSubmitted(review.id(), productId, userId, review.rating(), review.status().name(),
                        review.flagReason()));
                moveRating(null, review, now);
                return review;
            });
        } catch (DuplicateKeyException raced) {
            throw alreadyReviewed(productId);
        }
    }

    /** The author changes their review; it goes through moderation again (a rejected one always waits for staff). */
    public Review edit(String reviewId, Actor actor, Draft draft) {
        return transaction.execute(tx -> {
            Review before = locked(reviewId, actor);
            if (!before.userId().equals(actor.userId())) {
                throw forbidden("Only its author may edit a review.");
            }
            Instant now = clock.instant();
            Optional<String> flag = moderation.flag(draft.title(), draft.body());
            ReviewStatus status;
            String flagReason;
            if (before.status() == ReviewStatus.REJECTED) {
                status = ReviewStatus.PENDING_MODERATION;
                flagReason = flag.orElse("edited after a rejection");
            } else {
                status = flag.isPresent() ? ReviewStatus.PENDING_MODERATION : ReviewStatus.PUBLISHED;
                flagReason = flag.orElse(null);
            }
            Review after = new Review(before.id(), before.productId(), before.userId(), draft.rating(), draft.title(),
                    draft.body(), status, flagReason, null, before.helpfulCount(), true, before.createdAt(), now);
            reviews.update(after);
            outbox.record(new ReviewEdited(after.id(), after.productId(), after.userId(), after.rating(),
                    before.status().name(), after.status().name(), after.flagReason()));
            moveRating(before, after, now);
            return after;
        });
    }

    /** Staff publish or reject a review; deciding what is already decided changes nothing. */
    public Review moderate(String reviewId, Decision decision, String reason) {
        return transaction.execute(tx -> {
            Review before = reviews.findForUpdate(reviewId).orElseThrow(() -> notFound(reviewId));
            ReviewStatus target = decision == Decision.APPROVE ? ReviewStatus.PUBLISHED : ReviewStatus.REJECTED;
            String moderationReason = decision == Decision.REJECT ? reason : null;
            if (before.status() == target && java.util.Objects.equals(before.moderationReason(), moderationReason)) {
                return before;
            }
            Instant now = clock.instant();
            Review after = new Review(before.id(), before.productId(), before.userId(), before.rating(), before.title(),
                    before.body(), target, null, moderationReason, before.helpfulCount(), before.edited(),
                    before.createdAt(), now);
            reviews.update(after);
            outbox.record(new ReviewModerated(after.id(), after.productId(), after.userId(), before.status().name(),
                    target.name(), moderationReason));
            moveRating(before, after, now);
            return after;
        });
    }

    /** The author or staff remove a review; its votes go with it. */
    public void delete(String reviewId, Actor actor) {
        transaction.executeWithoutResult(tx -> {
            Review before = locked(reviewId, actor);
            if (!actor.staff() && !before.userId().equals(actor.userId())) {
                throw forbidden("Only its author or staff may delete a review.");
            }
            Instant now = clock.instant();
            reviews.delete(reviewId);
            outbox.record(new ReviewDeleted(before.id(), before.productId(), before.userId(), before.status().name()));
            moveRating(before, null, now);
        });
    }

    /** One helpful vote per customer, never on their own review; voting again changes nothing. */
    public Vote voteHelpful(String reviewId, String userId) {
        try {
            return transaction.execute(tx -> {
                Review review = reviews.findForUpdate(reviewId)
                        .filter(Review::counts)
                        .orElseThrow(() -> notFound(reviewId));
                if (review.userId().equals(userId)) {
                    throw new ApiException(HttpStatus.FORBIDDEN, ProblemCodes.OWN_REVIEW, "Customers cannot vote for their own review.");
                }
                boolean counted = reviews.addVote(reviewId, userId, clock.instant());
                return new Vote(reviews.find(reviewId).orElseThrow(), counted);
            });
        } catch (DuplicateKeyException raced) {
            return new Vote(reviews.find(reviewId).orElseThrow(() -> notFound(reviewId)), false);
        }
    }

    /** A review as {@code actor} may see it: published ones are everyone's, the others their author's and staff's. */
    public Review get(String reviewId, Actor actor) {
        return reviews.find(reviewId).filter(r -> visibleTo(r, actor)).orElseThrow(() -> notFound(reviewId));
    }

    public Page<Review> list(String productId, String userId, ReviewStatus status, ReviewSort sort, Pageable pageable) {
        long total = reviews.count(productId, userId, status);
        List<Review> content = total <= pageable.getOffset()
                ? List.of()
                : reviews.page(productId, userId, status, sort, pageable.getOffset(), pageable.getPageSize());
        return new PageImpl<>(content, pageable, total);
    }

    public RatingSummary summary(String productId) {
        return reviews.summary(productId);
    }

    /** The stored summary beside one recomputed from the reviews: they never differ unless something is wrong. */
    public SummaryCheck check(String productId) {
        return transaction.execute(tx -> new SummaryCheck(reviews.summary(productId), reviews.recomputedSummary(productId)));
    }

    /** Moves the rating by the difference between what counted before and what counts after; events when it moved. */
    private void moveRating(Review before, Review after, Instant now) {
        boolean changed = false;
        if (before != null && before.counts()) {
            if (after != null && after.counts() && after.rating() == before.rating()) {
                return;
            }
            reviews.addToSummary(before.productId(), before.rating(), -1, now);
            changed = true;
        }
        if (after != null && after.counts()) {
            reviews.addToSummary(after.productId(), after.rating(), +1, now);
            changed = true;
        }
        if (changed) {
            String productId = before != null ? before.productId() : after.productId();
            RatingSummary summary = reviews.summary(productId);
            outbox.record(new ProductRatingChanged(productId, summary.count(), summary.average(), summary.histogram()));
        }
    }

    private Review locked(String reviewId, Actor actor) {
        return reviews.findForUpdate(reviewId).filter(r -> visibleTo(r, actor)).orElseThrow(() -> notFound(reviewId));
    }

    private static boolean visibleTo(Review review, Actor actor) {
        return review.counts() || (actor != null && (actor.staff() || review.userId().equals(actor.userId())));
    }

    private static ApiException notFound(String reviewId) {
        return ApiException.notFound(ProblemCodes.REVIEW_NOT_FOUND, "No review with id " + reviewId + ".");
    }

    private static ApiException alreadyReviewed(String productId) {
        return ApiException.conflict(ProblemCodes.ALREADY_REVIEWED,
                "You already reviewed product " + productId + "; edit or delete that review instead.");
    }

    private static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, detail);
    }
}
