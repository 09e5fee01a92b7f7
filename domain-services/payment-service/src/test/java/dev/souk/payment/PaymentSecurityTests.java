package dev.souk.payment;

import com.jayway.jsonpath.JsonPath;
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
import static dev.souk.payment.PaymentApiTests.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Charges and refunds are the platform's and staff's; a customer reads only their own payments. */
@SoukServiceTest
class PaymentSecurityTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void withoutAValidTokenNothingIsAnswered() throws Exception {
        String payment = paid(newId("order"), "user-a");

        mvc.perform(get("/api/payments/{id}", payment).with(anonymous()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(get("/api/payments/{id}", payment).with(as(TestTokens.expired())))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void aCustomerReadsTheirOwnPayments() throws Exception {
        String order = newId("order");
        String payment = paid(order, "user-a");

        mvc.perform(get("/api/payments/{id}", payment).with(customer("user-a")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value("user-a"));
        mvc.perform(get("/api/payments").param("orderId", order).with(customer("user-a")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(payment));
        mvc.perform(get("/api/payments").param("orderId", newId("order")).with(customer("user-a")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void aCustomerCannotReadAnotherUsersPayments() throws Exception {
        String order = newId("order");
        String payment = paid(order, "user-b");

        mvc.perform(get("/api/payments/{id}", payment).with(customer("user-a")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(get("/api/payments").param("orderId", order).with(customer("user-a")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    }

    @Test
    void aCustomerCannotChargeOrRefund() throws Exception {
        String order = newId("order");
        String payment = paid(order, "user-a");
        String unpaid = newId("order");

        mvc.perform(charge(unpaid, "user-a").with(customer("user-a")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(post("/api/payments/{id}/refund", payment).with(customer("user-a")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"I want my money back\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(post("/api/payments/refund").with(customer("user-a")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"orderId\":\"" + order + "\",\"reason\":\"I want my money back\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/payments/simulator/outage").with(customer("user-a")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"down\":true}"))
                .andExpect(status().isForbidden());

        assertThat(paymentsOf(unpaid)).isZero();
        mvc.perform(get("/api/payments/{id}", payment)).andExpect(jsonPath("$.status").value("COMPLETED"));
        mvc.perform(get("/api/payments/simulator/outage").with(admin()))
                .andExpect(jsonPath("$.down").value(false));
    }

    private String paid(String order, String user) throws Exception {
        String body = mvc.perform(charge(order, user))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    private static MockHttpServletRequestBuilder charge(String order, String user) {
        return post("/api/payments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"orderId\":\"" + order + "\",\"userId\":\"" + user + "\",\"amount\":25.00,"
                        + "\"paymentMethod\":\"CREDIT_CARD\",\"paymentMethodId\":\"pm_abc\"}");
    }

    private long paymentsOf(String order) {
        return jdbc.queryForObject("select count(*) from payment where order_id = ?", Long.class, order);
    }
}
