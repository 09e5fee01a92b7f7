package dev.souk.inventory;

import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.souk.inventory.InventoryApiTests.newId;
import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.as;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Availability is public; staff set stock; reservations belong to the order process and staff. */
@SoukServiceTest
class InventorySecurityTests {

    @Autowired
    MockMvc mvc;

    @Test
    void anyoneSeesAvailabilityWithoutAToken() throws Exception {
        String product = stocked(5);

        mvc.perform(get("/api/inventory/stock/{p}/{v}", product, "v").with(anonymous()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.available").value(5));
        mvc.perform(get("/api/inventory/stock").param("productId", product).with(anonymous()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1));
        mvc.perform(get("/api/inventory/check").param("productId", product).param("variantId", "v").with(anonymous()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.inStock").value(true));
    }

    @Test
    void settingStockNeedsAValidToken() throws Exception {
        String product = stocked(5);

        mvc.perform(setStock(product, 500).with(anonymous()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(setStock(product, 500).with(as(TestTokens.expired())))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));

        assertOnHand(product, 5);
    }

    @Test
    void onlyStaffSetStock() throws Exception {
        String product = stocked(5);

        mvc.perform(setStock(product, 500).with(customer("user-1")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(setStock(product, 500))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));

        assertOnHand(product, 5);
    }

    @Test
    void customersCannotHoldOrReadReservations() throws Exception {
        String product = stocked(5);
        String order = newId("o");

        mvc.perform(post("/api/inventory/reserve").with(customer("user-1")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"orderId\":\"" + order + "\",\"items\":[{\"productId\":\"" + product
                                + "\",\"variantId\":\"v\",\"quantity\":5}]}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        for (String command : new String[] {"release", "commit"}) {
            mvc.perform(post("/api/inventory/" + command).with(customer("user-1")).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"orderId\":\"" + order + "\"}"))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/inventory/reservations/{orderId}", order).with(customer("user-1")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/inventory/reservations").param("status", "RESERVED").with(customer("user-1")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/inventory/reservations").param("status", "RESERVED").with(anonymous()))
                .andExpect(status().isUnauthorized());

        mvc.perform(get("/api/inventory/reservations/{orderId}", order)).andExpect(status().isNotFound());
        mvc.perform(get("/api/inventory/stock/{p}/{v}", product, "v").with(anonymous()))
                .andExpect(jsonPath("$.reserved").value(0))
                .andExpect(jsonPath("$.available").value(5));
    }

    private String stocked(int onHand) throws Exception {
        String product = newId("p");
        mvc.perform(setStock(product, onHand).with(admin())).andExpect(status().isOk());
        return product;
    }

    private static MockHttpServletRequestBuilder setStock(String product, int onHand) {
        return put("/api/inventory/stock").contentType(MediaType.APPLICATION_JSON)
                .content("{\"productId\":\"" + product + "\",\"variantId\":\"v\",\"onHand\":" + onHand + "}");
    }

    private void assertOnHand(String product, int onHand) throws Exception {
        mvc.perform(get("/api/inventory/stock/{p}/{v}", product, "v"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.onHand").value(onHand));
    }
}
