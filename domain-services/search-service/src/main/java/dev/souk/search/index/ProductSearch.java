package dev.souk.search.index;

import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.apache.lucene.search.IndexSearcher;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.engine.search.highlighter.dsl.HighlighterEncoder;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.predicate.dsl.SimpleQueryFlag;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.engine.search.query.dsl.SearchQueryOptionsStep;
import org.hibernate.search.engine.search.sort.dsl.SortFinalStep;
import org.hibernate.search.engine.search.sort.dsl.SearchSortFactory;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.hibernate.search.util.common.SearchException;
import org.hibernate.search.util.common.data.Range;
import org.hibernate.search.util.common.data.RangeBoundInclusion;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs shoppers' searches against the index. Their words are never parsed as query syntax: each is matched as a word
 * (exactly, or with one typo), in the name first and the description second. Results come from the index alone; no
 * database row is read to answer.
 */
@Service
public class ProductSearch {

    /** Words beyond these are ignored: nobody types more into a shop's search box, and each costs a query clause. */
    public static final int MAX_WORDS = 12;
    /** Hits beyond this position are not served (deep pages cost the index more than they are worth). */
    public static final int MAX_RESULT_WINDOW = 10_000;

    private static final List<Range<BigDecimal>> PRICE_BANDS = List.of(
            band(null, 25), band(25, 50), band(50, 100), band(100, 200), band(200, null));
    private static final List<Range<Double>> RATING_BANDS = List.of(
            Range.atLeast(4.0), Range.atLeast(3.0), Range.atLeast(2.0), Range.atLeast(1.0));
    private static final int CATEGORY_BUCKETS = 30;
    private static final int SNIPPET_LENGTH = 160;

    private static final AggregationKey<Map<String, Long>> CATEGORIES = AggregationKey.of("category");
    private static final AggregationKey<Map<Range<BigDecimal>, Long>> PRICES = AggregationKey.of("price");
    private static final AggregationKey<Map<Range<Double>, Long>> RATINGS = AggregationKey.of("rating");
    private static final AggregationKey<Map<Boolean, Long>> AVAILABILITY = AggregationKey.of("availability");

    private enum Facet { CATEGORY, PRICE, RATING, AVAILABILITY }

    /** A completion for the search box. */
    public record Suggestion(String text, String productId) {
    }

    private final EntityManagerFactory entityManagers;

    ProductSearch(EntityManagerFactory entityManagers) {
        this.entityManagers = entityManagers;
    }

    public SearchResults search(SearchCriteria criteria) {
        if ((long) (criteria.page() + 1) * criteria.size() > MAX_RESULT_WINDOW) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED,
                    "Only the first " + MAX_RESULT_WINDOW + " results are served; narrow the search instead.");
        }
        String text = firstWords(criteria.text());
        try (EntityManager entityManager = entityManagers.createEntityManager()) {
            SearchSession session = Search.session(entityManager);
            SearchResult<List<?>> result = session.search(IndexedProduct.class)
                    .select(f -> f.composite().from(
                            f.id(String.class),
                            f.field(IndexedProduct.NAME, String.class),
                            f.highlight(IndexedProduct.DESCRIPTION).highlighter("snippet"),
                            f.field(IndexedProduct.CATEGORY, String.class),
                            f.field(IndexedProduct.MIN_PRICE, BigDecimal.class),
                            f.field(IndexedProduct.MAX_PRICE, BigDecimal.class),
                            f.field(IndexedProduct.CURRENCY, String.class),
                            f.field(IndexedProduct.RATING, Double.class),
                            f.field(IndexedProduct.RATING_COUNT, Long.class),
                            f.field(IndexedProduct.IN_STOCK, Boolean.class)).asList())
                    .where(f -> predicate(f, criteria, text, null))
                    .sort(f -> sort(f, criteria, text))
                    .highlighter("snippet", h -> h.unified().tag("<mark>", "</mark>").encoder(HighlighterEncoder.HTML)
                            .numberOfFragments(1).noMatchSize(Integer.MAX_VALUE))
                    .aggregation(CATEGORIES, f -> f.terms().field(IndexedProduct.CATEGORY, String.class)
                            .maxTermCount(CATEGORY_BUCKETS))
                    .aggregation(PRICES, f -> f.range().field(IndexedProduct.MIN_PRICE, BigDecimal.class).ranges(PRICE_BANDS))
                    .aggregation(RATINGS, f -> f.range().field(IndexedProduct.RATING, Double.class).ranges(RATING_BANDS))
                    .aggregation(AVAILABILITY, f -> f.terms().field(IndexedProduct.IN_STOCK, Boolean.class))
                    .fetch(criteria.page() * criteria.size(), criteria.size());

            // a facet whose own filter is set counts without it, so its other choices show what they would give
            Map<String, Long> categories = criteria.category() == null ? result.aggregation(CATEGORIES)
                    : countWithout(session, criteria, text, Facet.CATEGORY, CATEGORIES);
            Map<Range<BigDecimal>, Long> prices = !criteria.filtersPrice() ? result.aggregation(PRICES)
                    : countWithout(session, criteria, text, Facet.PRICE, PRICES);
            Map<Range<Double>, Long> ratings = criteria.minRating() == null ? result.aggregation(RATINGS)
                    : countWithout(session, criteria, text, Facet.RATING, RATINGS);
            Map<Boolean, Long> availability = criteria.inStock() == null ? result.aggregation(AVAILABILITY)
                    : countWithout(session, criteria, text, Facet.AVAILABILITY, AVAILABILITY);

            List<SearchResults.Hit> hits = result.hits().stream().map(ProductSearch::hit).toList();
            return new SearchResults(hits, result.total().hitCount(), new SearchResults.Facets(
                    categoryBuckets(categories, criteria), priceBuckets(prices, criteria),
                    ratingBuckets(ratings, criteria), availabilityBuckets(availability, criteria)));
        } catch (SearchException | IndexSearcher.TooManyClauses e) {
            throw tooComplexOr(e);
        }
    }

    /** Product names whose words start with what was typed, best matches first, each name once. */
    public List<Suggestion> suggest(String typed, int limit) {
        String text = firstWords(typed);
        if (text.isBlank()) {
            return List.of();
        }
        try (EntityManager entityManager = entityManagers.createEntityManager()) {
            List<List<?>> hits = Search.session(entityManager).search(IndexedProduct.class)
                    .select(f -> f.composite().from(f.id(String.class), f.field(IndexedProduct.NAME, String.class)).asList())
                    .where(f -> f.bool().with(b -> {
                        b.filter(f.match().field(IndexedProduct.SEARCHABLE).matching(true));
                        b.must(f.simpleQueryString().field(IndexedProduct.NAME_PREFIX).matching(text)
                                .defaultOperator(BooleanOperator.AND).flags(EnumSet.noneOf(SimpleQueryFlag.class)));
                    }))
                    .sort(f -> f.score().then().field(IndexedProduct.RATING_COUNT).desc().then().field(IndexedProduct.NAME_SORT))
                    .fetchHits(limit * 3);
            Map<String, Suggestion> byName = new LinkedHashMap<>();
            for (List<?> hit : hits) {
                String name = (String) hit.get(1);
                byName.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), new Suggestion(name, (String) hit.get(0)));
            }
            return byName.values().stream().limit(limit).toList();
        } catch (SearchException | IndexSearcher.TooManyClauses e) {
            throw tooComplexOr(e);
        }
    }

    /** How many products shoppers can find. */
    public long searchableCount() {
        try (EntityManager entityManager = entityManagers.createEntityManager()) {
            return Search.session(entityManager).search(IndexedProduct.class)
                    .where(f -> f.match().field(IndexedProduct.SEARCHABLE).matching(true))
                    .fetchTotalHitCount();
        }
    }

    private <T> T countWithout(SearchSession session, SearchCriteria criteria, String text, Facet facet,
                               AggregationKey<T> key) {
        SearchQueryOptionsStep<?, ?, ?, ?, ?> query = session.search(IndexedProduct.class)
                .where(f -> predicate(f, criteria, text, facet));
        query = switch (facet) {
            case CATEGORY -> query.aggregation(CATEGORIES, f -> f.terms().field(IndexedProduct.CATEGORY, String.class)
                    .maxTermCount(CATEGORY_BUCKETS));
            case PRICE -> query.aggregation(PRICES, f -> f.range().field(IndexedProduct.MIN_PRICE, BigDecimal.class)
                    .ranges(PRICE_BANDS));
            case RATING -> query.aggregation(RATINGS, f -> f.range().field(IndexedProduct.RATING, Double.class)
                    .ranges(RATING_BANDS));
            case AVAILABILITY -> query.aggregation(AVAILABILITY, f -> f.terms().field(IndexedProduct.IN_STOCK, Boolean.class));
        };
        return query.fetch(0).aggregation(key);
    }

    private static PredicateFinalStep predicate(SearchPredicateFactory f, SearchCriteria c, String text, Facet without) {
        return f.bool().with(b -> {
            b.filter(f.match().field(IndexedProduct.SEARCHABLE).matching(true));
            if (!text.isBlank()) {
                b.must(f.bool().with(words -> {
                    // one typo still finds the word (the first letter must be right: it keeps the expansion small)
                    words.should(f.match().field(IndexedProduct.NAME).boost(3f).field(IndexedProduct.DESCRIPTION)
                            .matching(text).fuzzy(1, 1));
                    // the exact words, and the words in the name in this order, rank above their near misses
                    words.should(f.match().field(IndexedProduct.NAME).boost(6f).field(IndexedProduct.DESCRIPTION).boost(1.5f)
                            .matching(text));
                    words.should(f.phrase().field(IndexedProduct.NAME).boost(4f).matching(text));
                }));
            }
            if (c.category() != null && without != Facet.CATEGORY) {
                b.filter(f.match().field(IndexedProduct.CATEGORY).matching(c.category()));
            }
            if (c.filtersPrice() && without != Facet.PRICE) {
                b.filter(f.range().field(IndexedProduct.MIN_PRICE).within(Range.between(
                        c.minPrice(), RangeBoundInclusion.INCLUDED, c.maxPrice(), RangeBoundInclusion.INCLUDED)));
            }
            if (c.minRating() != null && without != Facet.RATING) {
                b.filter(f.range().field(IndexedProduct.RATING).atLeast(c.minRating()));
            }
            if (c.inStock() != null && without != Facet.AVAILABILITY) {
                b.filter(f.match().field(IndexedProduct.IN_STOCK).matching(c.inStock()));
            }
        });
    }

    private static SortFinalStep sort(SearchSortFactory f, SearchCriteria c, String text) {
        return switch (c.order()) {
            case RELEVANCE -> text.isBlank() ? f.field(IndexedProduct.NAME_SORT)
                    : f.score().then().field(IndexedProduct.NAME_SORT);
            case PRICE_ASC -> f.field(IndexedProduct.MIN_PRICE).asc().missing().last().then().field(IndexedProduct.NAME_SORT);
            case PRICE_DESC -> f.field(IndexedProduct.MIN_PRICE).desc().missing().last().then().field(IndexedProduct.NAME_SORT);
            case RATING -> f.field(IndexedProduct.RATING).desc().missing().last()
                    .then().field(IndexedProduct.RATING_COUNT).desc().then().score();
            case NEWEST -> f.field(IndexedProduct.CREATED_AT).desc().missing().last().then().field(IndexedProduct.NAME_SORT);
        };
    }

    @SuppressWarnings("unchecked")
    private static SearchResults.Hit hit(List<?> row) {
        List<String> description = (List<String>) row.get(2);
        String name = (String) row.get(1);
        // a product without a description shows its name, escaped like every snippet
        String snippet = !description.isEmpty() ? shorten(description.get(0)) : org.springframework.web.util.HtmlUtils.htmlEscape(name);
        Long ratingCount = (Long) row.get(8);
        Boolean inStock = (Boolean) row.get(9);
        return new SearchResults.Hit((String) row.get(0), name, snippet, (String) row.get(3),
                (BigDecimal) row.get(4), (BigDecimal) row.get(5), (String) row.get(6), (Double) row.get(7),
                ratingCount == null ? 0 : ratingCount, inStock != null && inStock);
    }

    /**
     * The unified highlighter answers a text without matches whole; a snippet is at most {@link #SNIPPET_LENGTH}
     * characters, cut at a word and never inside an HTML entity or tag.
     */
    static String shorten(String html) {
        if (html == null || html.length() <= SNIPPET_LENGTH) {
            return html;
        }
        String cut = html.substring(0, SNIPPET_LENGTH);
        int space = cut.lastIndexOf(' ');
        if (space > SNIPPET_LENGTH / 2) {
            cut = cut.substring(0, space);
        }
        int entity = cut.lastIndexOf('&');
        if (entity >= 0 && cut.indexOf(';', entity) < 0) {
            cut = cut.substring(0, entity);
        }
        int tag = cut.lastIndexOf('<');
        if (tag >= 0 && cut.indexOf('>', tag) < 0) {
            cut = cut.substring(0, tag);
        }
        if (cut.lastIndexOf("<mark>") > cut.lastIndexOf("</mark>")) {
            cut = cut + "</mark>";
        }
        return cut + "…";
    }

    private static List<SearchResults.Bucket> categoryBuckets(Map<String, Long> counts, SearchCriteria c) {
        List<SearchResults.Bucket> buckets = new ArrayList<>();
        counts.forEach((category, count) -> buckets.add(new SearchResults.Bucket(category, category, null, null, count,
                category.equals(c.category()))));
        if (c.category() != null && !counts.containsKey(c.category())) {
            buckets.add(new SearchResults.Bucket(c.category(), c.category(), null, null, 0, true));
        }
        return buckets;
    }

    private static List<SearchResults.Bucket> priceBuckets(Map<Range<BigDecimal>, Long> counts, SearchCriteria c) {
        return PRICE_BANDS.stream().map(band -> {
            BigDecimal from = band.lowerBoundValue().orElse(null);
            BigDecimal to = band.upperBoundValue().orElse(null);
            String label = from == null ? "under " + to.toPlainString() : to == null ? from.toPlainString() + " and above"
                    : from.toPlainString() + " to " + to.toPlainString();
            boolean selected = c.filtersPrice() && sameAmount(from, c.minPrice()) && sameAmount(to, c.maxPrice());
            return new SearchResults.Bucket(label, label, from, to, counts.getOrDefault(band, 0L), selected);
        }).toList();
    }

    private static List<SearchResults.Bucket> ratingBuckets(Map<Range<Double>, Long> counts, SearchCriteria c) {
        return RATING_BANDS.stream().map(band -> {
            double from = band.lowerBoundValue().orElseThrow();
            String value = String.valueOf((int) from);
            return new SearchResults.Bucket(value, value + " stars and up", BigDecimal.valueOf(from), null,
                    counts.getOrDefault(band, 0L), c.minRating() != null && c.minRating() == from);
        }).toList();
    }

    private static List<SearchResults.Bucket> availabilityBuckets(Map<Boolean, Long> counts, SearchCriteria c) {
        return List.of(
                new SearchResults.Bucket("in_stock", "in stock", null, null, counts.getOrDefault(true, 0L),
                        Boolean.TRUE.equals(c.inStock())),
                new SearchResults.Bucket("out_of_stock", "out of stock", null, null, counts.getOrDefault(false, 0L),
                        Boolean.FALSE.equals(c.inStock())));
    }

    /** The first {@link #MAX_WORDS} words, joined by single spaces; empty for none. */
    static String firstWords(String text) {
        if (text == null) {
            return "";
        }
        Set<String> words = Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return words.stream().limit(MAX_WORDS).collect(Collectors.joining(" "));
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static Range<BigDecimal> band(Integer from, Integer to) {
        return Range.between(from == null ? null : BigDecimal.valueOf(from), RangeBoundInclusion.INCLUDED,
                to == null ? null : BigDecimal.valueOf(to), RangeBoundInclusion.EXCLUDED);
    }

    /** A query the index refuses for its size is the shopper's to shorten (400); any other failure is ours. */
    private static RuntimeException tooComplexOr(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IndexSearcher.TooManyClauses) {
                return new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.SEARCH_QUERY_TOO_COMPLEX,
                        "The search text cannot be run as given; use fewer or shorter words.");
            }
        }
        return failure;
    }
}
