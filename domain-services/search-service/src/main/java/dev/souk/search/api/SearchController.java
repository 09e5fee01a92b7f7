package dev.souk.search.api;

import dev.souk.search.index.ProductSearch;
import dev.souk.search.index.SearchCriteria;
import dev.souk.search.index.SearchResults;
import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

@RestController
@RequestMapping("/api/search")
@Validated
@Tag(name = "Search")
public class SearchController {

    static final int MAX_TEXT = 200;
    private static final String CATEGORY = "[a-z0-9][a-z0-9-]{0,99}";
    private static final String CATEGORY_MESSAGE = "must be a lower-case slug such as 'home-kitchen'";
    private static final String SORT = "relevance|price_asc|price_desc|rating|newest";

    private final ProductSearch search;

    SearchController(ProductSearch search) {
        this.search = search;
    }

    public record SearchResponse(String query, List<SearchResults.Hit> items, long total, int page, int size,
                                 long totalPages, SearchResults.Facets facets) {
    }

    public record SuggestResponse(String query, List<ProductSearch.Suggestion> suggestions) {
    }

    @GetMapping
    @Operation(summary = "Search the catalog",
            description = "Words are matched in the name first and the description second, each with one typo allowed "
                    + "(skilet finds Skillet); no query syntax is interpreted. Without q, everything matching the filters. "
                    + "Facets count products per category, price band (lowest variant price), rating and availability; "
                    + "each facet's counts apply every filter but its own. Snippets are HTML with the matches in <mark>. "
                    + "Only the first 10,000 results are served.")
    SearchResponse search(
            @RequestParam(required = false) @Size(max = MAX_TEXT) String q,
            @RequestParam(required = false) @Pattern(regexp = CATEGORY, message = CATEGORY_MESSAGE) String category,
            @RequestParam(required = false) @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal minPrice,
            @RequestParam(required = false) @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal maxPrice,
            @RequestParam(required = false) @DecimalMin("0") @DecimalMax("5") BigDecimal minRating,
            @RequestParam(required = false) Boolean inStock,
            @Parameter(description = SORT) @RequestParam(defaultValue = "relevance")
            @Pattern(regexp = SORT, message = "must be one of " + SORT) String sort,
            @RequestParam(defaultValue = "0") @Min(0) @Max(ProductSearch.MAX_RESULT_WINDOW) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED,
                    "minPrice (" + minPrice + ") is above maxPrice (" + maxPrice + ").");
        }
        SearchCriteria criteria = new SearchCriteria(q, category, minPrice, maxPrice,
                minRating == null ? null : minRating.doubleValue(), inStock, SearchCriteria.Order.of(sort), page, size);
        SearchResults results = search.search(criteria);
        return new SearchResponse(q == null ? "" : q, results.items(), results.total(), page, size,
                (results.total() + size - 1) / size, results.facets());
    }

    @GetMapping("/suggest")
    @Operation(summary = "Complete what is typed in a search box",
            description = "Names of products for sale whose words start with the words typed, best first, each once.")
    SuggestResponse suggest(@RequestParam @NotBlank @Size(max = 100) String q,
                            @RequestParam(defaultValue = "8") @Min(1) @Max(20) int size) {
        return new SuggestResponse(q, search.suggest(q, size));
    }
}
