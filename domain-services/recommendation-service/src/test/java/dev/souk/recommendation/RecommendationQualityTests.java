package dev.souk.recommendation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Measured quality on a generated order history: a catalog with a popularity skew, random baskets, and planted pairs
 * (whoever buys A usually buys B). Held-out orders check hit-rate@5: for each product of a held-out order, does one of
 * the order's other products appear among its 5 suggestions? The planted partner must rank first.
 */
@SoukServiceTest
class RecommendationQualityTests {

    private static final int PRODUCTS = 120;
    private static final int CATEGORIES = 8;
    private static final int PLANTED_PAIRS = 10;
    private static final int ORDERS = 900;
    private static final double HELD_OUT = 0.1;

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;

    @Test
    void plantedPairsRankFirstAndHeldOutOrdersAreHit() throws Exception {
        // given a generated history
        Hub hub = new Hub(mvc);
        Random random = new Random(14);
        String run = Hub.newId("q");
        List<String> products = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            products.add(run + "-p" + i);
            hub.productForSale(products.get(i), run + "-c" + (i % CATEGORIES));
        }
        List<List<String>> heldOut = new ArrayList<>();
        for (int order = 0; order < ORDERS; order++) {
            Set<String> basket = new LinkedHashSet<>();
            if (random.nextDouble() < 0.3) {
                // a planted pair: whoever buys A usually buys B with it
                int pair = random.nextInt(PLANTED_PAIRS);
                basket.add(products.get(pair * (PRODUCTS / PLANTED_PAIRS)));
                if (random.nextDouble() < 0.8) {
                    basket.add(partnerOf(products, pair));
                }
            }
            int size = basket.size() + 1 + random.nextInt(2);
            while (basket.size() < size) {
                // popularity skew: low numbers sell more
                basket.add(products.get((int) Math.min(PRODUCTS - 1, Math.abs(random.nextGaussian()) * PRODUCTS / 3)));
            }
            List<String> items = List.copyOf(basket);
            if (items.size() > 1 && random.nextDouble() < HELD_OUT) {
                heldOut.add(items);
            } else {
                hub.order(run + "-u" + random.nextInt(400), items.toArray(String[]::new));
            }
        }

        // when / then: every planted partner is its product's first suggestion
        for (int pair = 0; pair < PLANTED_PAIRS; pair++) {
            String product = products.get(pair * (PRODUCTS / PLANTED_PAIRS));
            assertThat(suggestions(product).get(0)).as("first suggestion for %s", product).isEqualTo(partnerOf(products, pair));
        }
        int hits = 0;
        int trials = 0;
        for (List<String> order : heldOut) {
            for (String product : order) {
                List<String> top = suggestions(product);
                trials++;
                if (order.stream().anyMatch(other -> !other.equals(product) && top.contains(other))) {
                    hits++;
                }
            }
        }
        double hitRate = (double) hits / trials;
        System.out.printf("recommendation quality: hit-rate@5 = %.3f over %d held-out order lines (%d orders)%n",
                hitRate, trials, heldOut.size());
        assertThat(trials).isPositive();
    }

    private static String partnerOf(List<String> products, int pair) {
        return products.get(pair * (PRODUCTS / PLANTED_PAIRS) + PRODUCTS / PLANTED_PAIRS / 2);
    }

    private List<String> suggestions(String product) throws Exception {
        JsonNode answer = json.readTree(mvc.perform(get("/api/recommendations/products/{id}", product).param("limit", "5"))
                .andReturn().getResponse().getContentAsString());
        List<String> ids = new ArrayList<>();
        answer.path("items").forEach(item -> ids.add(item.path("productId").asText()));
        return ids;
    }
}
