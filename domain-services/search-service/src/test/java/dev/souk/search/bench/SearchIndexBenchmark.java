package dev.souk.search.bench;

import dev.souk.search.SearchServiceTest;
import dev.souk.search.feed.CatalogProduct;
import dev.souk.search.index.ProductSearch;
import dev.souk.search.index.SearchCriteria;
import dev.souk.search.index.SearchResults;
import dev.souk.search.reindex.Reindexing;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The search index at shop scale, without the stack: generates {@code souk.bench.products} products (default 100,000)
 * in 40 categories from a small vocabulary, feeds them as a reindex does (pages, then completion), then runs searches with all facets
 * (words, typos, filters, orders) and prints indexing time and latency percentiles. Not part of the test suite (the
 * name does not end in Tests); run it with
 * {@code ./mvnw -o -pl domain-services/search-service test -Dtest=SearchIndexBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@SearchServiceTest
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:file:./target/bench-data/${random.uuid}/db",
        "logging.level.root=WARN",
})
class SearchIndexBenchmark {

    private static final String[] ADJECTIVES = {"cast", "iron", "copper", "steel", "oak", "pine", "glass", "ceramic",
            "linen", "wool", "cotton", "leather", "bamboo", "stone", "marble", "silver", "golden", "vintage", "modern",
            "rustic", "compact", "deluxe", "classic", "heavy", "light", "small", "large", "round", "square", "soft"};
    private static final String[] NOUNS = {"skillet", "teapot", "kettle", "lamp", "chair", "table", "blanket", "pillow",
            "mug", "bowl", "plate", "knife", "spoon", "vase", "rug", "mirror", "shelf", "basket", "candle", "clock",
            "jacket", "scarf", "boots", "backpack", "wallet", "watch", "speaker", "headphones", "keyboard", "monitor"};
    private static final String[] TYPOS = {"skilet", "tepot", "kettel", "chiar", "blankte", "pilow", "headphnes", "keybord"};

    @Autowired
    Reindexing reindexing;
    @Autowired
    ProductSearch search;

    @Test
    void indexAndSearchAtShopScale() {
        int products = Integer.getInteger("souk.bench.products", 100_000);
        int searches = Integer.getInteger("souk.bench.searches", 3_000);
        int pageSize = 500;
        Random random = new Random(100_000);

        // the path of a reindex: pages of the catalog, then completion (which compacts the index)
        long begin = System.nanoTime();
        String reindexId = reindexing.request("bench").run().id();
        List<CatalogProduct> page = new ArrayList<>(pageSize);
        Instant now = Instant.now();
        for (int i = 0; i < products; i++) {
            page.add(generated(i, random, now));
            if (page.size() == pageSize || i == products - 1) {
                reindexing.page(reindexId, page);
                page.clear();
            }
        }
        reindexing.complete(reindexId);
        double indexingSeconds = (System.nanoTime() - begin) / 1e9;
        long searchable = search.searchableCount();

        // warm up, then measure
        for (int i = 0; i < Math.min(500, searches); i++) {
            search.search(criteria(random));
        }
        long[] nanos = new long[searches];
        long hits = 0;
        for (int i = 0; i < searches; i++) {
            SearchCriteria criteria = criteria(random);
            long start = System.nanoTime();
            SearchResults results = search.search(criteria);
            nanos[i] = System.nanoTime() - start;
            hits += results.total();
        }
        Arrays.sort(nanos);
        System.out.printf("%nsearch index benchmark (embedded Lucene, %d cores)%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("  products indexed      %,d in %.1f s (%,.0f/s, pages of %d)%n", searchable, indexingSeconds,
                searchable / indexingSeconds, pageSize);
        System.out.printf("  searches with facets  %,d (avg %.0f hits)%n", searches, (double) hits / searches);
        System.out.printf("  latency p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n%n", ms(nanos, 0.50),
                ms(nanos, 0.90), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6);
    }

    private static CatalogProduct generated(int i, Random random, Instant now) {
        String adjective = ADJECTIVES[random.nextInt(ADJECTIVES.length)];
        String second = ADJECTIVES[random.nextInt(ADJECTIVES.length)];
        String noun = NOUNS[random.nextInt(NOUNS.length)];
        String name = capitalise(adjective) + " " + capitalise(noun) + " " + (i % 97);
        String description = "A " + second + " " + noun + " made of " + ADJECTIVES[random.nextInt(ADJECTIVES.length)]
                + ", good with any " + NOUNS[random.nextInt(NOUNS.length)] + ". Model " + i + ".";
        BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(50_000), 2);
        List<CatalogProduct.Variant> variants = List.of(new CatalogProduct.Variant("v1", "Standard", price),
                new CatalogProduct.Variant("v2", "Large", price.add(BigDecimal.TEN)));
        return new CatalogProduct("bench-" + i, name, description, "category-" + (i % 40), "USD", true, variants,
                now.minusSeconds(i), now);
    }

    private static SearchCriteria criteria(Random random) {
        int kind = random.nextInt(10);
        String text = switch (kind) {
            case 0 -> null;
            case 1 -> TYPOS[random.nextInt(TYPOS.length)];
            case 2, 3 -> ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)];
            default -> NOUNS[random.nextInt(NOUNS.length)];
        };
        String category = random.nextInt(4) == 0 ? "category-" + random.nextInt(40) : null;
        BigDecimal minPrice = random.nextInt(5) == 0 ? BigDecimal.valueOf(25) : null;
        BigDecimal maxPrice = minPrice != null ? BigDecimal.valueOf(200) : null;
        SearchCriteria.Order order = SearchCriteria.Order.values()[random.nextInt(SearchCriteria.Order.values().length)];
        return new SearchCriteria(text, category, minPrice, maxPrice, null, null, order, random.nextInt(3), 20);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
