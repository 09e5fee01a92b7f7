package dev.souk.review.review;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Repository
class ReviewStore {

    private static final String COLUMNS = "id, product_id, user_id, rating, title, body, status, flag_reason, "
            + "moderation_reason, helpful_count, edited, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    ReviewStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    Optional<Review> find(String id) {
        return jdbc.query("select " + COLUMNS + " from review where id = ?", ReviewStore::review, id).stream().findFirst();
    }

    /** Locks the review for the rest of the transaction, so changes of one review never interleave. */
    Optional<Review> findForUpdate(String id) {
        return jdbc.query("select " + COLUMNS + " from review where id = ? for update", ReviewStore::review, id).stream().findFirst();
    }

    boolean exists(String productId, String userId) {
        Integer count = jdbc.queryForObject("select count(*) from review where product_id = ? and user_id = ?",
                Integer.class, productId, userId);
        return count != null && count > 0;
    }

    /** A second review of the same customer and product fails with a duplicate key. */
    void insert(Review r) {
        jdbc.update("insert into review (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.productId(), r.userId(), r.rating(), r.title(), r.body(), r.status().name(), r.flagReason(),
                r.moderationReason(), r.helpfulCount(), r.edited(), Timestamp.from(r.createdAt()), Timestamp.from(r.updatedAt()));
    }

    void update(Review r) {
        jdbc.update("update review set rating = ?, title = ?, body = ?, status = ?, flag_reason = ?, moderation_reason = ?, "
                        + "edited = ?, updated_at = ? where id = ?",
                r.rating(), r.title(), r.body(), r.status().name(), r.flagReason(), r.moderationReason(), r.edited(),
                Timestamp.from(r.updatedAt()), r.id());
    }

    void delete(String id) {
        jdbc.update("delete from review_vote where review_id = ?", id);
        jdbc.update("delete from review where id = ?", id);
    }

    /** Records the vote; false when this customer already voted for the review. */
    boolean addVote(String reviewId, String userId, Instant at) {
        int added = jdbc.update("insert into review_vote (review_id, user_id, voted_at) select ?, ?, ? where not exists "
                        + "(select 1 from review_vote where review_id = ? and user_id = ?)",
                reviewId, userId, Timestamp.from(at), reviewId, userId);
        if (added > 0) {
            jdbc.update("update review set helpful_count = helpful_count + 1 where id = ?", reviewId);
        }
        return added > 0;
    }

    List<Review> page(String productId, String userId, ReviewStatus status, ReviewSort sort, long offset, int limit) {
        MapSqlParameterSource params = filter(productId, userId, status).addValue("offset", offset).addValue("limit", limit);
        return named.query("select " + COLUMNS + " from review" + where(productId, userId, status) + " order by " + sort.orderBy
                + " offset :offset rows fetch next :limit rows only", params, ReviewStore::review);
    }

    long count(String productId, String userId, ReviewStatus status) {
        Long count = named.queryForObject("select count(*) from review" + where(productId, userId, status),
                filter(productId, userId, status), Long.class);
        return count == null ? 0 : count;
    }

    // ---- rating summaries ------------------------------------------------------------------------------------

    /** Makes sure the product has a summary row, in its own short transaction, so changes only ever update it. */
    void ensureSummary(String productId, Instant now) {
        try {
            jdbc.update("insert into rating_summary (product_id, updated_at) select ?, ? where not exists "
                    + "(select 1 from rating_summary where product_id = ?)", productId, Timestamp.from(now), productId);
        } catch (DuplicateKeyException raced) {
            // another review of the same product created it first
        }
    }

    /** Adds {@code sign} (+1 or -1) reviews of {@code rating} stars; an atomic update, safe beside concurrent ones. */
    void addToSummary(String productId, int rating, int sign, Instant now) {
        String stars = "stars_" + rating;
        jdbc.update("update rating_summary set review_count = review_count + ?, rating_sum = rating_sum + ?, "
                + stars + " = " + stars + " + ?, updated_at = ? where product_id = ?",
                sign, sign * rating, sign, Timestamp.from(now), productId);
    }

    RatingSummary summary(String productId) {
        return jdbc.query("select review_count, rating_sum, stars_1, stars_2, stars_3, stars_4, stars_5 from rating_summary "
                        + "where product_id = ?",
                rs -> rs.next() ? new RatingSummary(productId, rs.getLong(1), rs.getLong(2),
                        new long[]{rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)})
                        : RatingSummary.empty(productId), productId);
    }

    /** The summary computed afresh from the published reviews themselves. */
    RatingSummary recomputedSummary(String productId) {
        long[] stars = new long[5];
        long[] totals = new long[2];
        jdbc.query("select rating, count(*) from review where product_id = ? and status = 'PUBLISHED' group by rating",
                rs -> {
                    int rating = rs.getInt(1);
                    long count = rs.getLong(2);
                    stars[rating - 1] = count;
                    totals[0] += count;
                    totals[1] += count * rating;
                }, productId);
        return new RatingSummary(productId, totals[0], totals[1], stars);
    }

    private static String where(String productId, String userId, ReviewStatus status) {
        List<String> conditions = new ArrayList<>();
        if (productId != null) {
            conditions.add("product_id = :productId");
        }
        if (userId != null) {
            conditions.add("user_id = :userId");
        }
        if (status != null) {
            conditions.add("status = :status");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static MapSqlParameterSource filter(String productId, String userId, ReviewStatus status) {
        return new MapSqlParameterSource().addValue("productId", productId).addValue("userId", userId)
                .addValue("status", status == null ? null : status.name());
    }

    private static Review review(ResultSet rs, int row) throws SQLException {
        return new Review(rs.getString("id"), rs.getString("product_id"), rs.getString("user_id"), rs.getInt("rating"),
                rs.getString("title"), rs.getString("body"), ReviewStatus.valueOf(rs.getString("status")),
                rs.getString("flag_reason"), rs.getString("moderation_reason"), rs.getInt("helpful_count"),
                rs.getBoolean("edited"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
