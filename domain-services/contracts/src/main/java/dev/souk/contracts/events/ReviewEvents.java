package dev.souk.contracts.events;

import dev.souk.contracts.Topics;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Events of the review-service on {@code review-events}, keyed by product id so that one product's reviews and its
 * rating stay in order. {@code status} is one of PUBLISHED, PENDING_MODERATION, REJECTED.
 */
public final class ReviewEvents {

    private ReviewEvents() {
    }

    private interface ReviewEvent extends DomainEvent {
        String productId();

        @Override
        default String topic() {
            return Topics.REVIEW_EVENTS;
        }

        @Override
        default String aggregateType() {
            return "product-reviews";
        }

        @Override
        default String aggregateId() {
            return productId();
        }
    }

    /** A verified buyer wrote a review; {@code flagReason} says why it waits for moderation, null when published. */
    public record ReviewSubmitted(String reviewId, String productId, String userId, int rating, String status,
                                  String flagReason) implements ReviewEvent {
    }

    /** The author changed their review, which went through moderation again. */
    public record ReviewEdited(String reviewId, String productId, String userId, int rating, String previousStatus,
                               String status, String flagReason) implements ReviewEvent {
    }

    /** Staff approved (PUBLISHED) or rejected (REJECTED, with the reason) a review. */
    public record ReviewModerated(String reviewId, String productId, String userId, String previousStatus,
                                  String status, String reason) implements ReviewEvent {
    }

    public record ReviewDeleted(String reviewId, String productId, String userId, String previousStatus)
            implements ReviewEvent {
    }

    /**
     * The product's rating after a change that moved it: published reviews only. {@code histogram} maps each star
     * count "1".."5" to its number of reviews; {@code average} is null without reviews.
     */
    public record ProductRatingChanged(String productId, long count, BigDecimal average, Map<String, Long> histogram)
            implements ReviewEvent {
    }
}
