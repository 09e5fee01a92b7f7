package dev.souk.cart;

import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.souk.cart.CartApiTests.itemJson;
import static dev.souk.cart.CartApiTests.newId;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.as;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Only the hub (SERVICE) and staff reach carts here; a customer's token is refused, whoever's cart it names. */
@SoukServiceTest
class CartSecurityTests {

    @Autowired
    MockMvc mvc;

    @Test
    void withoutAValidTokenNothingIsAnswered() throws Exception {
        String user = newId("user");

        mvc.perform(addItem(user, "19.99").with(anonymous()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(addItem(user, "19.99").with(as(TestTokens.expired())))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));

        expectItems(user, 0);
    }

    @Test
    void aCustomerCannotCallTheCartServiceDirectly() throws Exception {
        String user = newId("user");
        mvc.perform(addItem(user, "19.99")).andExpect(status().isCreated());

        mvc.perform(addItem(user, "0.01").with(customer(user)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(get("/api/cart").header("X-User-Id", user).with(customer(user)))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/api/cart").header("X-User-Id", user).with(customer("someone-else")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));

        expectItems(user, 1);
        mvc.perform(get("/api/cart").header("X-User-Id", user)).andExpect(jsonPath("$.items[0].unitPrice").value(19.99));
    }

    private static MockHttpServletRequestBuilder addItem(String user, String price) {
        return post("/api/cart/items").header("X-User-Id", user).contentType(MediaType.APPLICATION_JSON)
                .content(itemJson("prod-1", "var-1", price, 1, null));
    }

    private void expectItems(String user, int lines) throws Exception {
        mvc.perform(get("/api/cart").header("X-User-Id", user))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(lines));
    }
}
