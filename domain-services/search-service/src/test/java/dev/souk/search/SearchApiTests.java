package dev.souk.search;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;

import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.search.Feed.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Searching the catalog as a shopper: words, typos, filters, facets, orders and suggestions. */
@SearchServiceTest
class SearchApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    Feed feed;
    String category;

    @BeforeEach
    void setUp() {
        feed = new Feed(mvc);
        category = newId("cat");
    }

    @Test
    void aProductFromTheFeedIsFoundWithItsPriceStockRatingAndSnippet() throws Exception {
        // given
        String id = newId("prod");
        feed.product(id, "Cast Iron Skillet", "A heavy pan that keeps its heat for searing", category, "24.50", "39.90");
        feed.stock(id, true).andExpect(status().isOk());
        feed.rating(id, "4.5", 12).andExpect(status().isOk());

        // when / then
        mvc.perform(get("/api/search").param("q", "skillet").param("category", category).with(anonymous()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].productId").value(id))
                .andExpect(jsonPath("$.items[0].name").value("Cast Iron Skillet"))
                .andExpect(jsonPath("$.items[0].minPrice").value(24.50))
                .andExpect(jsonPath("$.items[0].maxPrice").value(39.90))
                .andExpect(jsonPath("$.items[0].currency").value("USD"))
                .andExpect(jsonPath("$.items[0].rating").value(4.5))
                .andExpect(jsonPath("$.items[0].ratingCount").value(12))
                .andExpect(jsonPath("$.items[0].inStock").value(true))
                .andExpect(jsonPath("$.items[0].snippet").value(containsString("pan")));
        mvc.perform(get("/api/search").param("q", "searing").param("category", category))
                .andExpect(jsonPath("$.items[0].snippet").value(containsString("<mark>searing</mark>")));
    }

    @Test
    void oneTypoStillFindsTheProduct() throws Exception {
        // given
        String id = newId("prod");
        feed.product(id, "Skillet Deluxe", "Nonstick", category, "30");

        // when / then
        mvc.perform(get("/api/search").param("q", "skilet").param("category", category))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].productId").value(id));
        mvc.perform(get("/api/search").param("q", "skillets").param("category", category))
                .andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void aMatchInTheNameRanksAboveOneInTheDescription() throws Exception {
        // given
        String inDescription = newId("prod");
        String inName = newId("prod");
        feed.product(inDescription, "Kitchen Towel", "Dries every teapot you own", category, "5");
        feed.product(inName, "Glass Teapot", "Holds a litre", category, "25");

        // when / then
        mvc.perform(get("/api/search").param("q", "teapot").param("category", category))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[0].productId").value(inName))
                .andExpect(jsonPath("$.items[1].productId").value(inDescription));
    }

    @Test
    void facetsCountEveryChoiceAndFiltersNarrowTheResults() throws Exception {
        // given three lamps in one category, one of them out of stock and one well rated
        String cheap = newId("prod");
        String middle = newId("prod");
        String dear = newId("prod");
        feed.product(cheap, "Desk Lamp " + category, "Small", category, "19.99");
        feed.product(middle, "Floor Lamp " + category, "Tall", category, "75");
        feed.product(dear, "Chandelier Lamp " + category, "Grand", category, "450");
        feed.stock(cheap, true);
        feed.stock(middle, true);
        feed.stock(dear, false);
        feed.rating(middle, "4.2", 3);

        // when / then: all of them, with their facets
        mvc.perform(get("/api/search").param("q", "lamp").param("category", category))
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.facets.category[?(@.value == '" + category + "')].count").value(hasItem(3)))
                .andExpect(jsonPath("$.facets.category[?(@.value == '" + category + "')].selected").value(hasItem(true)))
                .andExpect(jsonPath("$.facets.price[0].label").value("under 25"))
                .andExpect(jsonPath("$.facets.price[0].count").value(1))
                .andExpect(jsonPath("$.facets.price[2].count").value(1))
                .andExpect(jsonPath("$.facets.price[4].count").value(1))
                .andExpect(jsonPath("$.facets.rating[0].value").value("4"))
                .andExpect(jsonPath("$.facets.rating[0].count").value(1))
                .andExpect(jsonPath("$.facets.availability[0].count").value(2))
                .andExpect(jsonPath("$.facets.availability[1].count").value(1));
        // in stock only: the availability facet still shows what the other choice would give
        mvc.perform(get("/api/search").param("q", "lamp").param("category", category).param("inStock", "true"))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[*].productId").value(not(hasItem(dear))))
                .andExpect(jsonPath("$.facets.availability[0].selected").value(true))
                .andExpect(jsonPath("$.facets.availability[1].count").value(1))
                .andExpect(jsonPath("$.facets.price[4].count").value(0));
        mvc.perform(get("/api/search").param("category", category).param("minPrice", "20").param("maxPrice", "500"))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/search").param("category", category).param("minRating", "4"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].productId").value(middle));
    }

    @Test
    void resultsComeInTheOrderAsked() throws Exception {
        // given
        String first = newId("prod");
        String second = newId("prod");
        String third = newId("prod");
        feed.catalog(newId("evt"), first, Feed.product(first, "Mug A", "Cup", category, true, Instant.parse("2024-01-01T00:00:00Z"), "12"));
        feed.catalog(newId("evt"), second, Feed.product(second, "Mug B", "Cup", category, true, Instant.parse("2025-01-01T00:00:00Z"), "8"));
        feed.catalog(newId("evt"), third, Feed.product(third, "Mug C", "Cup", category, true, Instant.parse("2023-01-01T00:00:00Z"), "30"));
        feed.rating(third, "4.9", 40);
        feed.rating(first, "3.1", 2);

        // when / then
        mvc.perform(get("/api/search").param("category", category).param("sort", "price_asc"))
                .andExpect(jsonPath("$.items[0].productId").value(second))
                .andExpect(jsonPath("$.items[2].productId").value(third));
        mvc.perform(get("/api/search").param("category", category).param("sort", "price_desc"))
                .andExpect(jsonPath("$.items[0].productId").value(third));
        mvc.perform(get("/api/search").param("category", category).param("sort", "rating"))
                .andExpect(jsonPath("$.items[0].productId").value(third))
                .andExpect(jsonPath("$.items[1].productId").value(first))
                .andExpect(jsonPath("$.items[2].productId").value(second));
        mvc.perform(get("/api/search").param("category", category).param("sort", "newest"))
                .andExpect(jsonPath("$.items[0].productId").value(second));
        mvc.perform(get("/api/search").param("category", category).param("size", "2").param("page", "1"))
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.items.length()").value(1));
    }

    @Test
    void theSearchBoxCompletesPrefixes() throws Exception {
        // given
        String word = "zq" + newId("w").substring(2, 8).replace("-", "");
        feed.product(newId("prod"), word + "ulator Pro", "Gadget", category, "10");
        feed.product(newId("prod"), word + "ulator Mini", "Gadget", category, "5");

        // when / then
        mvc.perform(get("/api/search/suggest").param("q", word.substring(0, 5)).with(anonymous()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.suggestions.length()").value(2));
        mvc.perform(get("/api/search/suggest").param("q", word + "ul mi"))
                .andExpect(jsonPath("$.suggestions.length()").value(1))
                .andExpect(jsonPath("$.suggestions[0].text").value(word + "ulator Mini"));
    }

    @Test
    void productsNotForSaleOrDeletedAreNotFound() throws Exception {
        // given
        String hidden = newId("prod");
        String deleted = newId("prod");
        feed.catalog(newId("evt"), hidden, Feed.product(hidden, "Hidden Vase", "Blue", category, false, Instant.now(), "9"))
                .andExpect(status().isOk());
        feed.product(deleted, "Broken Vase", "Red", category, "9");
        feed.catalog(newId("evt"), deleted, "null").andExpect(status().isOk());

        // when / then
        mvc.perform(get("/api/search").param("q", "vase").param("category", category)).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/search/suggest").param("q", "vas")).andExpect(jsonPath("$.suggestions[*].productId",
                not(hasItem(hidden))));
        // a late description from before the deletion does not bring it back
        feed.catalog(newId("evt"), deleted, Feed.product(deleted, "Broken Vase", "Red", category, true,
                Instant.now().minusSeconds(60), "9")).andExpect(jsonPath("$.outcome").value("STALE"));
        mvc.perform(get("/api/search").param("category", category)).andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void anEventDeliveredTwiceChangesNothingTheSecondTime() throws Exception {
        // given
        String id = newId("prod");
        String eventId = newId("evt");
        feed.catalog(eventId, id, Feed.product(id, "Oak Table", "Solid", category, true, Instant.now(), "300"))
                .andExpect(jsonPath("$.outcome").value("APPLIED"));

        // when the same event comes again with other content (a replay must not apply anything)
        feed.catalog(eventId, id, Feed.product(id, "Pine Table", "Soft", category, true, Instant.now().plusSeconds(5), "3"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("DUPLICATE"));

        // then
        mvc.perform(get("/api/search").param("category", category))
                .andExpect(jsonPath("$.items[0].name").value("Oak Table"));
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Long.class, eventId)).isOne();
    }

    @Test
    void anOlderDescriptionNeverReplacesANewerOne() throws Exception {
        // given
        String id = newId("prod");
        Instant now = Instant.now();
        feed.catalog(newId("evt"), id, Feed.product(id, "New Name", "x", category, true, now, "1"));

        // when a dead letter from before is replayed
        feed.catalog(newId("evt"), id, Feed.product(id, "Old Name", "x", category, true, now.minusSeconds(30), "1"))
                .andExpect(jsonPath("$.outcome").value("STALE"));

        // then
        mvc.perform(get("/api/search").param("category", category)).andExpect(jsonPath("$.items[0].name").value("New Name"));
    }
}
