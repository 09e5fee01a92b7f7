package dev.souk.order;

import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.as;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static dev.souk.order.OrderApiTests.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Only the hub (SERVICE) and staff reach orders here; customers go through the hub, which checks ownership. */
@SoukServiceTest
class OrderSecurityTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void withoutAValidTokenNothingIsAnswered() throws Exception {
        String order = newId("ord");

        mvc.perform(place(order, "user-1").with(anonymous()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(place(order, "user-1").with(as(TestTokens.expired())))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));

        assertThat(orderCount(order)).isZero();
    }

    @Test
    void aCustomerCannotCallTheOrderServiceDirectly() throws Exception {
        String newOrder = newId("ord");

        mvc.perform(place(newOrder, "user-1").with(customer("user-1")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        assertThat(orderCount(newOrder)).isZero();

        String own = newId("ord");
        mvc.perform(place(own, "user-1")).andExpect(status().isCreated());
        mvc.perform(get("/api/orders/{id}", own).with(customer("user-1"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/orders").param("userId", "user-1").with(customer("user-1"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/orders/{id}/cancel", own).with(customer("user-1")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"changed my mind\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));

        mvc.perform(get("/api/orders/{id}", own).with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"));
    }

    private static MockHttpServletRequestBuilder place(String order, String user) {
        return post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"orderId\":\"" + order + "\",\"userId\":\"" + user + "\",\"shippingAddress\":\"1 Market Street\","
                        + "\"items\":[{\"productId\":\"prod-1\",\"variantId\":\"var-1\",\"name\":\"Lamp\",\"unitPrice\":19.99,\"quantity\":1}]}");
    }

    private long orderCount(String order) {
        return jdbc.queryForObject("select count(*) from orders where id = ?", Long.class, order);
    }
}
