package dev.souk.search;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.List;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Searching is public; feeding the index is the hub's; rebuilding it is the administrator's. */
@SearchServiceTest
class SearchSecurityTests {

    @Autowired
    MockMvc mvc;

    @Test
    void anyoneSearchesWithoutAToken() throws Exception {
        mvc.perform(get("/api/search").with(anonymous())).andExpect(status().isOk());
        mvc.perform(get("/api/search/suggest").param("q", "a").with(anonymous())).andExpect(status().isOk());
        mvc.perform(get("/api/search/v3/api-docs").with(anonymous())).andExpect(status().isOk());
    }

    @Test
    void onlyTheHubFeedsTheIndex() throws Exception {
        String body = "{\"eventId\":\"e-1\",\"productId\":\"p-1\",\"inStock\":true,\"observedAt\":\"2025-01-01T00:00:00Z\"}";
        mvc.perform(post("/api/search/internal/stock").with(anonymous()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        for (RequestPostProcessor caller : List.of(customer("user-1"), admin())) {
            mvc.perform(post("/api/search/internal/stock").with(caller).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("FORBIDDEN"));
            mvc.perform(post("/api/search/internal/reindex/r-1/completion").with(caller))
                    .andExpect(status().isForbidden());
        }
    }

    @Test
    void onlyTheAdministratorRebuildsTheIndex() throws Exception {
        mvc.perform(post("/api/search/reindex").with(anonymous())).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/search/reindex").with(customer("user-1"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/search/reindex")).andExpect(status().isForbidden());
        mvc.perform(get("/api/search/reindex/r-1").with(customer("user-1"))).andExpect(status().isForbidden());
    }
}
