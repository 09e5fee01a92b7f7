package dev.souk.search;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.search.Feed.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Whatever a shopper types is a result or a 400 problem, never a failure; bad feed input writes nothing. */
@SearchServiceTest
class SearchInputTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    Feed feed;

    @BeforeEach
    void setUp() throws Exception {
        feed = new Feed(mvc);
        feed.product(newId("prod"), "Plain Bowl", "A bowl (ceramic) for soup: 500 ml", newId("cat"), "7");
    }

    @Test
    void querySyntaxIsTakenAsPlainText() throws Exception {
        List<String> texts = List.of("*", "?", "~", ":", "\"", "(", ")", "[", "]", "\\", "bowl*", "bo?l", "bowl~2",
                "name:bowl", "\"plain bowl", "(bowl", "[a TO z]", "bowl\\", "+bowl -soup", "bowl AND OR NOT", "/reg.*ex/",
                "{!lucene}", "bowl^100", "&& ||", "' OR 1=1 --", "<script>alert(1)</script>", "ü ñ 中文 🥣", "\u0000",
                "a b c d e f g h i j k l m n o p q r s t u v w x y z a1 b1 c1 d1 e1");
        for (String text : texts) {
            mvc.perform(get("/api/search").param("q", text).with(anonymous()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total").isNumber());
            mvc.perform(get("/api/search/suggest").param("q", text).with(anonymous()))
                    .andExpect(status().is(either(is(200)).or(is(400))));
        }
        mvc.perform(get("/api/search").param("q", "(bowl)")).andExpect(jsonPath("$.items[0].name").value("Plain Bowl"));
    }

    @Test
    void theLongestAllowedTextIsAnsweredAndALongerOneRefused() throws Exception {
        String longest = "zq~* ".repeat(40);
        mvc.perform(get("/api/search").param("q", longest)).andExpect(status().isOk());
        mvc.perform(get("/api/search/suggest").param("q", "x".repeat(100))).andExpect(status().isOk());

        for (String tooLong : List.of("a".repeat(10_000), "bowl ".repeat(2_000), "a".repeat(201))) {
            mvc.perform(get("/api/search").param("q", tooLong))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
        mvc.perform(get("/api/search/suggest").param("q", "a".repeat(10_000))).andExpect(status().isBadRequest());
    }

    @Test
    void anEmptyQueryListsEverythingThatMatchesTheFilters() throws Exception {
        mvc.perform(get("/api/search")).andExpect(status().isOk()).andExpect(jsonPath("$.total").isNumber());
        mvc.perform(get("/api/search").param("q", "")).andExpect(status().isOk());
        mvc.perform(get("/api/search").param("q", "   ")).andExpect(status().isOk());
        mvc.perform(get("/api/search/suggest").param("q", "")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void badSearchParametersAreRefused() throws Exception {
        String[][] badParameters = {
                {"category", "Not A Slug"}, {"minPrice", "-1"}, {"minPrice", "abc"}, {"maxPrice", "1.999"},
                {"minRating", "6"}, {"minRating", "x"}, {"inStock", "perhaps"}, {"sort", "cheapest"}, {"page", "-1"},
                {"size", "0"}, {"size", "101"}, {"page", "10000"}, {"page", "99999999999"},
        };
        for (String[] parameter : badParameters) {
            mvc.perform(get("/api/search").param(parameter[0], parameter[1]))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
        mvc.perform(get("/api/search").param("minPrice", "50").param("maxPrice", "10"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        mvc.perform(get("/api/search").param("page", "100").param("size", "100"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        mvc.perform(get("/api/search/suggest").param("q", "a").param("size", "21")).andExpect(status().isBadRequest());
    }

    @Test
    void badFeedMessagesAreRefusedAndWriteNothing() throws Exception {
        long products = count("search_product");
        long events = count("processed_event");
        String product = Feed.product("p-1", "Cup", "x", "kitchen", true, java.time.Instant.now(), "1");
        String[][] bad = {
                {"/api/search/internal/catalog", "{\"productId\":\"p-1\",\"occurredAt\":\"2025-01-01T00:00:00Z\",\"product\":" + product + "}"},
                {"/api/search/internal/catalog", "{\"eventId\":\"e 1\",\"productId\":\"p-1\",\"occurredAt\":\"2025-01-01T00:00:00Z\"}"},
                {"/api/search/internal/catalog", "{\"eventId\":\"e-1\",\"productId\":\"p-2\",\"occurredAt\":\"2025-01-01T00:00:00Z\",\"product\":" + product + "}"},
                {"/api/search/internal/catalog", "{\"eventId\":\"e-1\",\"productId\":\"p-1\",\"product\":" + product + "}"},
                {"/api/search/internal/catalog", "{\"eventId\":\"e-1\",\"productId\":\"p-1\",\"occurredAt\":\"2025-01-01T00:00:00Z\",\"product\":"
                        + product.replace("\"price\":1", "\"price\":-1") + "}"},
                {"/api/search/internal/stock", "{\"eventId\":\"e-1\",\"productId\":\"p-1\",\"observedAt\":\"2025-01-01T00:00:00Z\"}"},
                {"/api/search/internal/ratings", "{\"eventId\":\"e-1\",\"productId\":\"p-1\",\"average\":7,\"count\":1,\"occurredAt\":\"2025-01-01T00:00:00Z\"}"},
                {"/api/search/internal/ratings", "{\"eventId\":\"e-1\",\"productId\":\"p-1\",\"count\":-1,\"occurredAt\":\"2025-01-01T00:00:00Z\"}"},
                {"/api/search/internal/reindex/reindex-1/pages", "{\"content\":[{\"id\":\"p-1\"}]}"},
                {"/api/search/internal/reindex/reindex-1/failure", "{}"},
        };
        for (String[] request : bad) {
            mvc.perform(post(request[0]).contentType(MediaType.APPLICATION_JSON).content(request[1]))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
        for (String malformed : List.of("{\"eventId\":", "{\"eventId\":\"e-1\",\"productId\":\"p-1\",\"inStock\":true,\"observedAt\":\"yesterday\"}")) {
            mvc.perform(post("/api/search/internal/stock").contentType(MediaType.APPLICATION_JSON).content(malformed))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        }
        mvc.perform(get("/api/search/reindex/{id}", "no such id").with(admin()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        assertThat(count("search_product")).isEqualTo(products);
        assertThat(count("processed_event")).isEqualTo(events);
    }

    @Test
    void aSnippetIsShortAndNeverCutInsideMarkup() {
        String text = "word ".repeat(20) + "&amp;&lt;b&gt; " + "more ".repeat(40);
        String snippet = dev.souk.search.index.SnippetsProbe.shorten(text);
        assertThat(snippet.length()).isLessThanOrEqualTo(161);
        assertThat(snippet).endsWith("…");
        assertThat(dev.souk.search.index.SnippetsProbe.shorten("<mark>" + "a".repeat(200) + "</mark>"))
                .endsWith("</mark>…");
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}
