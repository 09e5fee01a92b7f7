package dev.souk.review.api;

import dev.souk.contracts.Ids;
import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import dev.souk.kit.security.Access;
import dev.souk.kit.web.PageResponse;
import dev.souk.review.review.RatingSummary;
import dev.souk.review.review.Review;
import dev.souk.review.review.ReviewService;
import dev.souk.review.review.ReviewService.Actor;
import dev.souk.review.review.ReviewService.Draft;
import dev.souk.review.review.ReviewSort;
import dev.souk.review.review.ReviewStatus;
import dev.souk.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

@RestController
@RequestMapping("/api/reviews")
@Validated
@Tag(name = "Reviews", description = "Reviews by verified buyers. Text (title, body) is stored exactly as sent and is "
        + "never rendered as HTML by Souk: show it as plain text. New and edited reviews are published unless they "
        + "contain a link or a blocked word, in which case they wait for staff (PENDING_MODERATION); only PUBLISHED "
        + "reviews are public and count towards a product's rating.")
public class ReviewController {

    static final int MAX_TITLE = 120;
    static final int MAX_BODY = 5_000;

    private final ReviewService reviews;

    ReviewController(ReviewService reviews) {
        this.reviews = reviews;
    }

    public record SubmitReviewRequest(
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
            @NotNull @Min(1) @Max(5) Integer rating,
            @NotBlank @Size(max = MAX_TITLE) String title,
            @Size(max = MAX_BODY) String body) {
    }

    public record EditReviewRequest(
            @NotNull @Min(1) @Max(5) Integer rating,
            @NotBlank @Size(max = MAX_TITLE) String title,
            @Size(max = MAX_BODY) String body) {
    }

    public record ModerationRequest(
            @Schema(allowableValues = {"APPROVE", "REJECT"})
            @NotNull @Pattern(regexp = "APPROVE|REJECT", message = "must be APPROVE or REJECT") String decision,
            @Schema(description = "Required to reject: shown to the author.") @Size(max = 500) String reason) {
    }

    public record ReviewResponse(String id, String productId, String userId, int rating, String title, String body,
                                 ReviewStatus status,
                                 @Schema(description = "Why the automatic check held it back (author and staff only)") String flagReason,
                                 @Schema(description = "Staff's reason for a rejection (author and staff only)") String moderationReason,
                                 int helpfulCount, boolean verifiedPurchase, boolean edited, Instant createdAt,
                                 Instant updatedAt) {
        static ReviewResponse of(Review r) {
            return new ReviewResponse(r.id(), r.productId(), r.userId(), r.rating(), r.title(), r.body(), r.status(),
                    r.flagReason(), r.moderationReason(), r.helpfulCount(), true, r.edited(), r.createdAt(), r.updatedAt());
        }
    }

    public record SummaryResponse(String productId, long count,
                                  @Schema(description = "Two decimals; null without published reviews") BigDecimal average,
                                  @Schema(description = "Star count \"1\"..\"5\" → number of published reviews") Map<String, Long> histogram) {
        static SummaryResponse of(RatingSummary s) {
            return new SummaryResponse(s.productId(), s.count(), s.average(), s.histogram());
        }
    }

    public record SummaryCheckResponse(SummaryResponse stored, SummaryResponse recomputed, boolean drift) {
    }

    public record VoteResponse(String reviewId, int helpfulCount, boolean counted) {
    }

    @PostMapping
    @Operation(summary = "Review a product you bought",
            description = "201 with the review, PUBLISHED or PENDING_MODERATION. 403 NOT_A_VERIFIED_BUYER unless you have a "
                    + "confirmed or completed order holding the product (as the order events told this service); 409 "
                    + "ALREADY_REVIEWED when you reviewed it before (edit that review instead).")
    ResponseEntity<ReviewResponse> submit(@Valid @RequestBody SubmitReviewRequest request) {
        Caller caller = customer();
        Review review = reviews.submit(caller.userId(), request.productId(),
                new Draft(request.rating(), request.title(), request.body()));
        return ResponseEntity.created(URI.create("/api/reviews/" + review.id())).body(ReviewResponse.of(review));
    }

    @GetMapping
    @Operation(summary = "List reviews",
            description = "Published reviews, of one product or of all, sorted newest (default), helpful, rating_high or "
                    + "rating_low. Staff may list other statuses (e.g. status=PENDING_MODERATION: the moderation queue); "
                    + "for anyone else a status other than PUBLISHED is 403 FORBIDDEN.")
    PageResponse<ReviewResponse> list(@RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
                                      @RequestParam(defaultValue = "newest") @Pattern(regexp = ReviewSort.PATTERN,
                                              message = "must be one of " + ReviewSort.PATTERN) String sort,
                                      @RequestParam(required = false) @Pattern(regexp = ReviewStatus.PATTERN,
                                              message = "must be one of " + ReviewStatus.PATTERN) String status,
                                      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        ReviewStatus wanted = status == null ? ReviewStatus.PUBLISHED : ReviewStatus.valueOf(status);
        if (wanted != ReviewStatus.PUBLISHED && !Caller.current().map(Caller::isAdmin).orElse(false)) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "Only staff may list reviews that are not published.");
        }
        return PageResponse.of(reviews.list(productId, null, wanted, ReviewSort.of(sort), PageRequest.of(page, size)),
                ReviewResponse::of);
    }

    @GetMapping("/mine")
    @Operation(summary = "Your reviews", description = "Every review you wrote, whatever its status, newest first.")
    PageResponse<ReviewResponse> mine(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.of(reviews.list(null, Access.caller().userId(), null, ReviewSort.NEWEST, PageRequest.of(page, size)),
                ReviewResponse::of);
    }

    @GetMapping("/{reviewId}")
    @Operation(summary = "A review", description = "Published reviews are public; the others only their author's and "
            + "staff's (404 REVIEW_NOT_FOUND for anyone else).")
    ReviewResponse get(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String reviewId) {
        return ReviewResponse.of(reviews.get(reviewId, actor()));
    }

    @PutMapping("/{reviewId}")
    @Operation(summary = "Edit your review",
            description = "Only the author (403 FORBIDDEN otherwise). The edit goes through moderation again: published "
                    + "unless the automatic check holds it; a rejected review, once edited, waits for staff.")
    ReviewResponse edit(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String reviewId,
                        @Valid @RequestBody EditReviewRequest request) {
        return ReviewResponse.of(reviews.edit(reviewId, actorOf(customer()),
                new Draft(request.rating(), request.title(), request.body())));
    }

    @DeleteMapping("/{reviewId}")
    @Operation(summary = "Delete a review", description = "The author or staff; 204. Its helpful votes go with it.")
    ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String reviewId) {
        reviews.delete(reviewId, actorOf(Access.caller()));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{reviewId}/moderation")
    @Operation(summary = "Approve or reject a review (staff)",
            description = "APPROVE publishes it; REJECT (with a reason, shown to the author) takes it out of the public "
                    + "lists and the rating. Deciding again what is already decided changes nothing.")
    ReviewResponse moderate(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String reviewId,
                            @Valid @RequestBody ModerationRequest request) {
        ReviewService.Decision decision = ReviewService.Decision.valueOf(request.decision());
        if (decision == ReviewService.Decision.REJECT && (request.reason() == null || request.reason().isBlank())) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, "Request is invalid.")
                    .with("errors", java.util.List.of(Map.of("field", "reason", "message", "is required to reject")));
        }
        return ReviewResponse.of(reviews.moderate(reviewId, decision, request.reason()));
    }

    @PostMapping("/{reviewId}/helpful")
    @Operation(summary = "Mark a review helpful",
            description = "One vote per customer: voting again answers the same count (counted=false). 403 OWN_REVIEW on "
                    + "your own review; 404 REVIEW_NOT_FOUND unless the review is published.")
    VoteResponse helpful(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String reviewId) {
        ReviewService.Vote vote = reviews.voteHelpful(reviewId, customer().userId());
        return new VoteResponse(reviewId, vote.review().helpfulCount(), vote.counted());
    }

    @GetMapping("/products/{productId}/summary")
    @Operation(summary = "A product's rating", description = "Published reviews only: count, average (two decimals, null "
            + "without reviews) and how many gave each star count. A product without reviews answers zeros.")
    SummaryResponse summary(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId) {
        return SummaryResponse.of(reviews.summary(productId));
    }

    @GetMapping("/products/{productId}/summary/check")
    @Operation(summary = "Check a product's rating against its reviews (staff)",
            description = "The stored summary beside one recomputed from the published reviews; drift is true if they differ.")
    SummaryCheckResponse check(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId) {
        ReviewService.SummaryCheck check = reviews.check(productId);
        return new SummaryCheckResponse(SummaryResponse.of(check.stored()), SummaryResponse.of(check.recomputed()), check.drift());
    }

    /** Reviews and votes are a customer's own: the platform's SERVICE token acts for nobody here. */
    private static Caller customer() {
        Caller caller = Access.caller();
        if (caller.isService()) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "Reviews are written by customers themselves.");
        }
        return caller;
    }

    private static Actor actor() {
        return Caller.current().map(ReviewController::actorOf).orElse(null);
    }

    private static Actor actorOf(Caller caller) {
        return new Actor(caller.userId(), caller.isPrivileged());
    }
}
