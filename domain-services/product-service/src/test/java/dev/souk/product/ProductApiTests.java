package dev.souk.product;

import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.List;
import java.util.UUID;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SoukServiceTest
class ProductApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void createdProductIsReadableWithItsVariantsAndPrices() throws Exception {
        String id = newId();
        create(id, "kitchen", "[{\"id\":\"var-1\",\"name\":\"Small\",\"price\":19.99},{\"name\":\"Large\",\"price\":24.5}]")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.variants.length()").value(2))
                .andExpect(jsonPath("$.variants[1].id").isNotEmpty());

        mvc.perform(get("/api/products/{id}", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Product " + id))
                .andExpect(jsonPath("$.currency").value("USD"))
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.variants[0].id").value("var-1"))
                .andExpect(jsonPath("$.variants[0].price").value(19.99));
        mvc.perform(get("/api/products/{id}/exists", id)).andExpect(content().string("true"));
        assertThat(events(id)).containsExactly("ProductCreated");
    }

    @Test
    void listFiltersByCategoryAndPages() throws Exception {
        String category = "cat-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            create(newId(), category, "[{\"name\":\"One\",\"price\":1}]").andExpect(status().isCreated());
        }
        create(newId(), "other", "[{\"name\":\"One\",\"price\":1}]").andExpect(status().isCreated());

        mvc.perform(get("/api/products").param("category", category).param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.content.length()").value(2))
                .andExpect(jsonPath("$.content[*].category", everyItem(is(category))));
    }

    @Test
    void replaceChangesPricesAndDeleteHidesTheProduct() throws Exception {
        String id = newId();
        create(id, "garden", "[{\"id\":\"var-1\",\"name\":\"Std\",\"price\":5}]").andExpect(status().isCreated());

        mvc.perform(put("/api/products/{id}", id).with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body(null, "garden", "[{\"id\":\"var-1\",\"name\":\"Std\",\"price\":6.25}]", "\"active\":false,")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.variants[0].price").value(6.25))
                .andExpect(jsonPath("$.active").value(false));
        mvc.perform(get("/api/products").param("category", "garden"))
                .andExpect(jsonPath("$.content[?(@.id == '" + id + "')]").isEmpty());

        mvc.perform(delete("/api/products/{id}", id).with(admin())).andExpect(status().isNoContent());
        mvc.perform(delete("/api/products/{id}", id).with(admin())).andExpect(status().isNoContent());
        mvc.perform(get("/api/products/{id}", id))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("PRODUCT_NOT_FOUND"));
        mvc.perform(get("/api/products/{id}/exists", id)).andExpect(content().string("false"));
        assertThat(events(id)).containsExactly("ProductCreated", "ProductUpdated", "ProductDeleted");
    }

    @Test
    void conflictsAndUnknownIdsAreReported() throws Exception {
        String id = newId();
        create(id, "toys", "[{\"name\":\"One\",\"price\":1}]").andExpect(status().isCreated());

        create(id, "toys", "[{\"name\":\"One\",\"price\":1}]")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("PRODUCT_EXISTS"));
        mvc.perform(put("/api/products/{id}", "missing").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body(null, "toys", "[{\"name\":\"One\",\"price\":1}]", "")))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/products/{id}", "missing").with(admin())).andExpect(status().isNotFound());
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        long before = count();
        String[] badBodies = {
                body(newId(), "toys", "[]", ""),
                body(newId(), "toys", "[{\"name\":\"One\",\"price\":-1}]", ""),
                body(newId(), "toys", "[{\"name\":\"One\",\"price\":1.999}]", ""),
                body(newId(), "toys", "[{\"name\":\"One\"}]", ""),
                body(newId(), "Not A Slug", "[{\"name\":\"One\",\"price\":1}]", ""),
                body(newId(), "toys", "[{\"name\":\"One\",\"price\":1}]", "\"currency\":\"dollars\","),
                body(newId(), "toys", "[{\"id\":\"v\",\"name\":\"One\",\"price\":1},{\"id\":\"v\",\"name\":\"Two\",\"price\":2}]", ""),
                "{\"name\":\"No category\",\"variants\":[{\"name\":\"One\",\"price\":1}]}",
        };
        for (String body : badBodies) {
            mvc.perform(post("/api/products").with(admin()).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
        mvc.perform(post("/api/products").with(admin()).contentType(MediaType.APPLICATION_JSON).content("[1,2"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        mvc.perform(put("/api/products/{id}", "one-id").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body("other-id", "toys", "[{\"name\":\"One\",\"price\":1}]", "")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/products").param("page", "-1")).andExpect(status().isBadRequest());
        assertThat(count()).isEqualTo(before);
    }

    private ResultActions create(String id, String category, String variants) throws Exception {
        return mvc.perform(post("/api/products").with(admin()).contentType(MediaType.APPLICATION_JSON).content(body(id, category, variants, "")));
    }

    private static String body(String id, String category, String variants, String extra) {
        String idMember = id == null ? "" : "\"id\":\"" + id + "\",";
        String name = id == null ? "Renamed" : "Product " + id;
        return "{" + idMember + extra + "\"name\":\"" + name + "\",\"category\":\"" + category + "\",\"variants\":" + variants + "}";
    }

    private List<String> events(String id) {
        return jdbc.queryForList("select event_type from outbox_event where event_key = ? order by seq", String.class, id);
    }

    private long count() {
        return jdbc.queryForObject("select count(*) from product", Long.class);
    }

    private static String newId() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
