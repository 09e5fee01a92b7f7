package dev.souk.review.review;

import java.time.Instant;

/**
 * One customer's review of one product. {@code flagReason} says why the automatic check held it for moderation;
 * {@code moderationReason} is staff's reason for a rejection.
 */
public record Review(String id, String productId, String userId, int rating, String title, String body,
                     ReviewStatus status, String flagReason, String moderationReason, int helpfulCount, boolean edited,
                     Instant createdAt, Instant updatedAt) {

    public boolean counts() {
        return status == ReviewStatus.PUBLISHED;
    }
}
