package dev.souk.delivery;

import com.jayway.jsonpath.JsonPath;
import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.souk.delivery.DeliveryApiTests.newId;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.as;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A customer tracks only their own shipments; creating and moving shipments is the platform's and staff's. */
@SoukServiceTest
@TestPropertySource(properties = "souk.delivery.carrier-simulator.enabled=false")
class DeliverySecurityTests {

    @Autowired
    MockMvc mvc;

    @Test
    void withoutAValidTokenNothingIsAnswered() throws Exception {
        String order = shipped("user-a");

        mvc.perform(get("/api/delivery/{orderId}", order).with(anonymous()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(get("/api/delivery/{orderId}", order).with(as(TestTokens.expired())))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void aCustomerTracksTheirOwnShipments() throws Exception {
        String order = shipped("user-a");
        shipped("user-b");
        String shipment = shipmentIdOf(order);

        mvc.perform(get("/api/delivery/{orderId}", order).with(customer("user-a")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value("user-a"));
        mvc.perform(get("/api/delivery/shipments/{id}", shipment).with(customer("user-a")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value(order));
        mvc.perform(get("/api/delivery/shipments").param("size", "100").with(customer("user-a")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].userId", everyItem(is("user-a"))))
                .andExpect(jsonPath("$.content[*].orderId", hasItem(order)));
        mvc.perform(get("/api/delivery/shipments").param("userId", "user-a").with(customer("user-a")))
                .andExpect(status().isOk());
    }

    @Test
    void aCustomerCannotTrackAnotherUsersShipments() throws Exception {
        String order = shipped("user-b");

        mvc.perform(get("/api/delivery/{orderId}", order).with(customer("user-a")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(get("/api/delivery/shipments/{id}", shipmentIdOf(order)).with(customer("user-a")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/delivery/shipments").param("userId", "user-b").with(customer("user-a")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    }

    @Test
    void aCustomerCannotCreateMoveOrCancelShipments() throws Exception {
        String order = shipped("user-a");
        String unshipped = newId("ord");

        mvc.perform(create(unshipped, "user-a").with(customer("user-a")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(put("/api/delivery/{orderId}/status", order).with(customer("user-a")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"PICKED_UP\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(post("/api/delivery/{orderId}/cancel", order).with(customer("user-a")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"never mind\"}"))
                .andExpect(status().isForbidden());

        mvc.perform(get("/api/delivery/{orderId}", unshipped)).andExpect(status().isNotFound());
        mvc.perform(get("/api/delivery/{orderId}", order))
                .andExpect(jsonPath("$.status").value("CREATED"))
                .andExpect(jsonPath("$.history.length()").value(1));
    }

    private String shipped(String user) throws Exception {
        String order = newId("ord");
        mvc.perform(create(order, user)).andExpect(status().isCreated());
        return order;
    }

    private String shipmentIdOf(String order) throws Exception {
        return JsonPath.read(mvc.perform(get("/api/delivery/{orderId}", order)).andReturn().getResponse().getContentAsString(), "$.id");
    }

    private static MockHttpServletRequestBuilder create(String order, String user) {
        return post("/api/delivery/shipments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"orderId\":\"" + order + "\",\"userId\":\"" + user + "\",\"shippingAddress\":\"1 Market Street\"}");
    }
}
