package dev.souk.review.review;

/** PUBLISHED reviews are public and count towards the rating; the others are seen only by their author and staff. */
public enum ReviewStatus {
    PUBLISHED, PENDING_MODERATION, REJECTED;

    public static final String PATTERN = "PUBLISHED|PENDING_MODERATION|REJECTED";
}
