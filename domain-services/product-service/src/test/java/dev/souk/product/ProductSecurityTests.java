package dev.souk.product;

import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.as;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The catalog is public to read and changed by staff only. */
@SoukServiceTest
class ProductSecurityTests {

    @Autowired
    MockMvc mvc;

    @Test
    void anyoneReadsTheCatalogWithoutAToken() throws Exception {
        String id = createProduct("19.99");

        mvc.perform(get("/api/products").with(anonymous())).andExpect(status().isOk());
        mvc.perform(get("/api/products/{id}", id).with(anonymous()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.variants[0].price").value(19.99));
        mvc.perform(get("/api/products/{id}/exists", id).with(anonymous()))
                .andExpect(status().isOk())
                .andExpect(content().string("true"));
    }

    @Test
    void changingTheCatalogNeedsAValidToken() throws Exception {
        String id = newId();

        mvc.perform(post("/api/products").with(anonymous()).contentType(MediaType.APPLICATION_JSON).content(product(id, "1.00")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(post("/api/products").with(as(TestTokens.expired())).contentType(MediaType.APPLICATION_JSON).content(product(id, "1.00")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));

        mvc.perform(get("/api/products/{id}/exists", id)).andExpect(content().string("false"));
    }

    @Test
    void customersAndOtherServicesCannotChangeTheCatalog() throws Exception {
        String id = createProduct("19.99");
        String newcomer = newId();

        mvc.perform(post("/api/products").with(customer("user-1")).contentType(MediaType.APPLICATION_JSON).content(product(newcomer, "0.01")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(put("/api/products/{id}", id).with(customer("user-1")).contentType(MediaType.APPLICATION_JSON).content(product(null, "0.01")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(put("/api/products/{id}", id).contentType(MediaType.APPLICATION_JSON).content(product(null, "0.01")))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/api/products/{id}", id).with(customer("user-1")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));

        mvc.perform(get("/api/products/{id}", id).with(anonymous()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.variants[0].price").value(19.99));
        mvc.perform(get("/api/products/{id}/exists", newcomer)).andExpect(content().string("false"));
    }

    @Test
    void productsNotForSaleAreTheAdministratorsOnly() throws Exception {
        String id = newId();
        mvc.perform(post("/api/products").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(product(id, "4.00").replace("\"category\"", "\"active\":false,\"category\"")))
                .andExpect(status().isCreated());

        for (var stranger : java.util.List.of(anonymous(), customer("user-1"))) {
            mvc.perform(get("/api/products/{id}", id).with(stranger))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("PRODUCT_NOT_FOUND"));
            mvc.perform(get("/api/products/{id}/exists", id).with(stranger)).andExpect(content().string("false"));
            mvc.perform(get("/api/products").param("includeInactive", "true").with(stranger))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("FORBIDDEN"));
            mvc.perform(get("/api/products").param("category", "home").param("size", "100").with(stranger))
                    .andExpect(jsonPath("$.content[?(@.id == '" + id + "')]").isEmpty());
        }
        mvc.perform(get("/api/products/{id}", id).with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(false));
        mvc.perform(get("/api/products/{id}/exists", id).with(admin())).andExpect(content().string("true"));
        mvc.perform(get("/api/products").param("includeInactive", "true").param("category", "home").param("size", "100")
                        .with(admin()))
                .andExpect(jsonPath("$.content[?(@.id == '" + id + "')]").isNotEmpty());
        // the platform (the hub pricing an order, reading a cart) still sees it, to say it is not for sale
        mvc.perform(get("/api/products/{id}", id)).andExpect(status().isOk());
    }

    private String createProduct(String price) throws Exception {
        String id = newId();
        mvc.perform(post("/api/products").with(admin()).contentType(MediaType.APPLICATION_JSON).content(product(id, price)))
                .andExpect(status().isCreated());
        return id;
    }

    private static String product(String id, String price) {
        String idMember = id == null ? "" : "\"id\":\"" + id + "\",";
        return "{" + idMember + "\"name\":\"Lamp\",\"category\":\"home\",\"variants\":[{\"id\":\"var-1\",\"name\":\"Std\",\"price\":" + price + "}]}";
    }

    private static String newId() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
