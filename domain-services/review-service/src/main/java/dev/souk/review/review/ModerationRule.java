package dev.souk.review.review;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The automatic check every new or edited review passes: a review with a link or a blocklisted word waits for staff
 * instead of being published. It only holds reviews back; it never rejects one by itself.
 */
@Component
public class ModerationRule {

    private static final Pattern LINK = Pattern.compile(
            "(?i)(\\b[a-z][a-z0-9+.-]*://|\\bwww\\.|\\b[a-z0-9-]+\\.(com|net|org|info|biz|io|xyz|ru|cn|shop|top|click|link)\\b)");

    private final List<Pattern> blocklist;

    ModerationRule(@Value("${souk.reviews.moderation.blocklist:}") String blocklist) {
        this.blocklist = Arrays.stream(blocklist.split(","))
                .map(String::strip)
                .filter(word -> !word.isEmpty())
                .map(word -> Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])" + Pattern.quote(word.toLowerCase(Locale.ROOT)) + "(?![\\p{L}\\p{N}])"))
                .toList();
    }

    /** Why the review must wait for a moderator, or empty when it may be published at once. */
    public Optional<String> flag(String title, String body) {
        String text = title + "\n" + (body == null ? "" : body);
        if (LINK.matcher(text).find()) {
            return Optional.of("contains a link");
        }
        for (Pattern word : blocklist) {
            if (word.matcher(text).find()) {
                return Optional.of("contains a blocked word");
            }
        }
        return Optional.empty();
    }
}
