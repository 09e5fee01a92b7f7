package dev.souk.review.review;

/** Orders of a review list; every one ends with the newest first so pages are stable. */
public enum ReviewSort {
    NEWEST("created_at desc, id desc"),
    HELPFUL("helpful_count desc, created_at desc, id desc"),
    RATING_HIGH("rating desc, created_at desc, id desc"),
    RATING_LOW("rating asc, created_at desc, id desc");

    public static final String PATTERN = "newest|helpful|rating_high|rating_low";

    final String orderBy;

    ReviewSort(String orderBy) {
        this.orderBy = orderBy;
    }

    public static ReviewSort of(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
