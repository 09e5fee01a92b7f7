package dev.souk.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.search.Feed.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A reindex rebuilds the index from the catalog's pages while searches keep answering, and removes what the catalog
 * no longer lists; one at a time.
 */
@SearchServiceTest
class ReindexTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @Test
    void aReindexDescribesEveryProductAgainAndRemovesWhatTheCatalogNoLongerHas() throws Exception {
        // given a product the index has, that the catalog lost while the feed was down
        Feed feed = new Feed(mvc);
        String category = newId("cat");
        String lost = newId("prod");
        String kept = newId("prod");
        feed.product(lost, "Lost Chair", "Wood", category, "40");
        feed.product(kept, "Old Name Chair", "Wood", category, "40");
        feed.stock(kept, true);

        // when the administrator asks for a reindex
        String reindexId = json.readTree(mvc.perform(post("/api/search/reindex").with(admin()))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/search/reindex/")))
                .andExpect(jsonPath("$.status").value("RUNNING"))
                .andReturn().getResponse().getContentAsString()).path("reindexId").asText();
        // a second request while it runs answers the same run
        mvc.perform(post("/api/search/reindex").with(admin())).andExpect(jsonPath("$.reindexId").value(reindexId));
        assertThat(jdbc.queryForList("select event_type from outbox_event where event_key = ?", String.class, reindexId))
                .containsExactly("SearchReindexRequested");

        // and the hub hands over the catalog, which has the kept product (renamed) and a new one
        String added = newId("prod");
        String page = "{\"content\":[" + Feed.product(kept, "New Name Chair", "Wood", category, true, Instant.now(), "45")
                + "," + Feed.product(added, "Added Chair", "Wood", category, true, Instant.now(), "50") + "],\"page\":0,\"totalPages\":1}";
        feed.post("/api/search/internal/reindex/" + reindexId + "/pages", page)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pages").value(1))
                .andExpect(jsonPath("$.products").value(2));
        // searches still answer from the index being rebuilt
        mvc.perform(get("/api/search").param("category", category)).andExpect(jsonPath("$.total").value(3));
        feed.post("/api/search/internal/reindex/" + reindexId + "/completion", "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                // at least the lost product (other tests' products in this index are not in this catalog either)
                .andExpect(jsonPath("$.removed").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)));

        // then
        JsonNode results = json.readTree(mvc.perform(get("/api/search").param("category", category).param("sort", "price_asc"))
                .andReturn().getResponse().getContentAsString());
        assertThat(results.path("total").asInt()).isEqualTo(2);
        assertThat(results.path("items").get(0).path("name").asText()).isEqualTo("New Name Chair");
        assertThat(results.path("items").get(0).path("inStock").asBoolean()).as("stock survives a reindex").isTrue();
        assertThat(results.path("items").get(1).path("productId").asText()).isEqualTo(added);
        mvc.perform(get("/api/search/reindex/{id}", reindexId).with(admin()))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.products").value(2));
        // completing again changes nothing; a page after completion is refused
        feed.post("/api/search/internal/reindex/" + reindexId + "/completion", "").andExpect(status().isOk());
        feed.post("/api/search/internal/reindex/" + reindexId + "/pages", page)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("REINDEX_NOT_RUNNING"));
        feed.post("/api/search/internal/reindex/reindex-unknown/pages", page)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("REINDEX_NOT_FOUND"));
    }

    @Test
    void theHubCountsWhatTheIndexOffersAndMayAskForAReindex() throws Exception {
        // the hub's scheduler reads how many products the index offers
        long before = searchable();
        new Feed(mvc).product(newId("prod"), "Counted Chair", "Wood", newId("cat"), "40");
        assertThat(searchable()).isEqualTo(before + 1);
        mvc.perform(get("/api/search/internal/index-state").with(admin())).andExpect(status().isForbidden());

        // and, when that differs from the catalog, asks for a reindex as the administrator would
        Feed feed = new Feed(mvc);
        String reindexId = json.readTree(feed.post("/api/search/internal/reindex", "")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("RUNNING"))
                .andReturn().getResponse().getContentAsString()).path("reindexId").asText();
        mvc.perform(post("/api/search/internal/reindex").with(admin())).andExpect(status().isForbidden());
        // the other tests start their own
        feed.post("/api/search/internal/reindex/" + reindexId + "/failure", "{\"reason\":\"test over\"}")
                .andExpect(status().isOk());
    }

    private long searchable() throws Exception {
        return json.readTree(mvc.perform(get("/api/search/internal/index-state"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).path("searchable").asLong();
    }

    @Test
    void aFailedReindexIsReportedAndANewOneMayStart() throws Exception {
        Feed feed = new Feed(mvc);
        String first = json.readTree(mvc.perform(post("/api/search/reindex").with(admin()))
                .andReturn().getResponse().getContentAsString()).path("reindexId").asText();

        feed.post("/api/search/internal/reindex/" + first + "/failure", "{\"reason\":\"product-service unavailable\"}")
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.failure").value("product-service unavailable"));

        mvc.perform(post("/api/search/reindex").with(admin()))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.reindexId").value(org.hamcrest.Matchers.not(first)));
    }
}
