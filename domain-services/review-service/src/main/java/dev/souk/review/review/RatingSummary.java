package dev.souk.review.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A product's rating from its published reviews: how many, their average and how many gave each star count. */
public record RatingSummary(String productId, long count, long sum, long[] stars) {

    public static RatingSummary empty(String productId) {
        return new RatingSummary(productId, 0, 0, new long[5]);
    }

    /** Rounded to two decimals; null without reviews. */
    public BigDecimal average() {
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }

    /** "1".."5" → number of reviews with that many stars. */
    public Map<String, Long> histogram() {
        Map<String, Long> histogram = new LinkedHashMap<>();
        for (int star = 1; star <= 5; star++) {
            histogram.put(String.valueOf(star), stars[star - 1]);
        }
        return histogram;
    }

    public boolean sameCounts(RatingSummary other) {
        return count == other.count && sum == other.sum && java.util.Arrays.equals(stars, other.stars);
    }
}
