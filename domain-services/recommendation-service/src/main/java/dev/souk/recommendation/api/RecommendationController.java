package dev.souk.recommendation.api;

import dev.souk.contracts.Ids;
import dev.souk.kit.security.Access;
import dev.souk.recommendation.learning.Recommender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/recommendations")
@Validated
@Tag(name = "Recommendations")
public class RecommendationController {

    private final Recommender recommender;

    RecommendationController(Recommender recommender) {
        this.recommender = recommender;
    }

    public record RecommendationsResponse(String basedOn, List<Recommender.Suggestion> items) {
    }

    @GetMapping("/products/{productId}")
    @Operation(summary = "What to suggest beside a product",
            description = "Products bought in the same confirmed or completed orders (reason BOUGHT_TOGETHER, buyers = "
                    + "distinct customers who did), then popular in the product's category (POPULAR_IN_CATEGORY), then "
                    + "popular overall (POPULAR). Never the product itself, never one not for sale or out of stock.")
    RecommendationsResponse forProduct(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
                                       @RequestParam(defaultValue = "5") @Min(1) @Max(50) int limit) {
        return new RecommendationsResponse(productId, recommender.forProduct(productId, limit));
    }

    @GetMapping("/users/{userId}")
    @Operation(summary = "What to suggest to a customer (their own, or the administrator)",
            description = "From what the customer bought: products bought together with their purchases, then popular in "
                    + "their categories, then popular overall; never what they already bought.")
    RecommendationsResponse forUser(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
                                    @RequestParam(defaultValue = "5") @Min(1) @Max(50) int limit) {
        Access.requireActingFor(userId);
        return new RecommendationsResponse(userId, recommender.forUser(userId, limit));
    }
}
