package dev.souk.cart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SoukServiceTest
@TestPropertySource(properties = {"souk.cart.max-quantity-per-line=5", "souk.cart.max-lines=3"})
class CartApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    /** Whose cart a request is about: the header and its value. */
    record Who(String header, String value) {
        MockHttpServletRequestBuilder on(MockHttpServletRequestBuilder request) {
            return request.header(header, value);
        }
    }

    @Test
    void aUsersCartIsCreatedOnTheFirstWriteAndAddsUpRepeatedVariants() throws Exception {
        // given a signed-in user without a cart
        Who user = user();
        mvc.perform(user.on(get("/api/cart")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(nullValue()))
                .andExpect(jsonPath("$.items.length()").value(0))
                .andExpect(jsonPath("$.total").value(0))
                .andExpect(jsonPath("$.currency").value("USD"))
                .andExpect(jsonPath("$.itemCount").value(0));
        assertThat(cartsOf(user)).isZero();

        // when items are added, one variant twice at a new price
        JsonNode first = body(add(user, "prod-1", "var-1", "10.00", 1).andExpect(status().isCreated())
                .andExpect(jsonPath("$.cartId").value(startsWith("cart-")))
                .andExpect(jsonPath("$.itemId").value(startsWith("item-")))
                .andExpect(jsonPath("$.name").value("Headphones prod-1/var-1"))
                .andExpect(jsonPath("$.lineTotal").value(10.00))
                .andReturn());
        String cartId = first.get("cartId").asText();
        add(user, "prod-2", "var-9", "2.50", 2).andExpect(status().isCreated())
                .andExpect(jsonPath("$.cartId").value(cartId));
        add(user, "prod-1", "var-1", "12.00", 2).andExpect(status().isCreated())
                .andExpect(jsonPath("$.itemId").value(first.get("itemId").asText()))
                .andExpect(jsonPath("$.quantity").value(3))
                .andExpect(jsonPath("$.unitPrice").value(12.00))
                .andExpect(jsonPath("$.lineTotal").value(36.00));

        // then the cart has two lines, totals, and one event per change
        mvc.perform(user.on(get("/api/cart")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(cartId))
                .andExpect(jsonPath("$.userId").value(user.value()))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].productId").value("prod-1"))
                .andExpect(jsonPath("$.items[0].lineTotal").value(36.00))
                .andExpect(jsonPath("$.items[1].lineTotal").value(5.00))
                .andExpect(jsonPath("$.total").value(41.00))
                .andExpect(jsonPath("$.itemCount").value(5))
                .andExpect(jsonPath("$.lineCount").value(2))
                .andExpect(jsonPath("$.version").value(3));
        assertThat(cartsOf(user)).isEqualTo(1);
        assertThat(events(cartId)).containsExactly("CartItemAdded", "CartItemAdded", "CartItemAdded");
        assertThat(jdbc.queryForList("select distinct topic from outbox_event where event_key = ?", String.class, cartId))
                .containsExactly("cart-events");
        JsonNode event = json.readTree(jdbc.queryForObject(
                "select payload from outbox_event where event_key = ? order by seq desc limit 1", String.class, cartId));
        assertThat(event.get("aggregateType").asText()).isEqualTo("cart");
        assertThat(event.at("/payload/quantityAdded").asInt()).isEqualTo(2);
        assertThat(event.at("/payload/item/quantity").asInt()).isEqualTo(3);
    }

    @Test
    void anAnonymousCartIsAddressedByItsId() throws Exception {
        Who guest = guest();
        add(guest, "prod-1", "var-1", "149.99", 2).andExpect(status().isCreated())
                .andExpect(jsonPath("$.cartId").value(guest.value()));

        mvc.perform(guest.on(get("/api/cart")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(guest.value()))
                .andExpect(jsonPath("$.userId").value(nullValue()))
                .andExpect(jsonPath("$.total").value(299.98))
                .andExpect(jsonPath("$.itemCount").value(2));

        mvc.perform(get("/api/cart").header("X-Cart-Id", "cart-unknown"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("CART_NOT_FOUND"));
        add(new Who("X-Cart-Id", "cart-unknown"), "prod-1", "var-1", "1.00", 1)
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("CART_NOT_FOUND"));

        // a user's cart cannot be reached by its id without the user
        Who user = user();
        String usersCart = cartIdOf(add(user, "prod-1", "var-1", "1.00", 1));
        mvc.perform(get("/api/cart").header("X-Cart-Id", usersCart))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("CART_NOT_FOUND"));
        mvc.perform(post("/api/cart").header("X-User-Id", user.value()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void linesAreChangedRemovedAndCleared() throws Exception {
        Who user = user();
        String item = itemIdOf(add(user, "prod-1", "var-1", "4.00", 1));
        add(user, "prod-1", "var-2", "6.00", 1);
        String cartId = cartIdOf(add(user, "prod-1", "var-3", "1.00", 1));

        mvc.perform(user.on(put("/api/cart/items/{id}", item)).contentType(MediaType.APPLICATION_JSON).content("{\"quantity\":4}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.quantity").value(4))
                .andExpect(jsonPath("$.lineTotal").value(16.00));
        mvc.perform(user.on(put("/api/cart/items/{id}", item)).contentType(MediaType.APPLICATION_JSON).content("{\"quantity\":4}"))
                .andExpect(status().isOk());

        // another shopper cannot touch the line, and unknown lines are not found
        Who other = user();
        mvc.perform(other.on(put("/api/cart/items/{id}", item)).contentType(MediaType.APPLICATION_JSON).content("{\"quantity\":1}"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("CART_ITEM_NOT_FOUND"));
        mvc.perform(other.on(delete("/api/cart/items/{id}", item)))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("CART_ITEM_NOT_FOUND"));
        mvc.perform(user.on(delete("/api/cart/items/{id}", "item-unknown")))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("CART_ITEM_NOT_FOUND"));

        mvc.perform(user.on(delete("/api/cart/items/{id}", item))).andExpect(status().isNoContent());
        mvc.perform(user.on(delete("/api/cart/items/{id}", item))).andExpect(status().isNotFound());
        mvc.perform(user.on(get("/api/cart"))).andExpect(jsonPath("$.items.length()").value(2));

        mvc.perform(user.on(delete("/api/cart"))).andExpect(status().isNoContent());
        mvc.perform(user.on(delete("/api/cart"))).andExpect(status().isNoContent());
        mvc.perform(other.on(delete("/api/cart"))).andExpect(status().isNoContent());
        mvc.perform(user.on(get("/api/cart")))
                .andExpect(jsonPath("$.id").value(cartId))
                .andExpect(jsonPath("$.items.length()").value(0))
                .andExpect(jsonPath("$.total").value(0));

        assertThat(events(cartId)).containsExactly("CartItemAdded", "CartItemAdded", "CartItemAdded",
                "CartItemChanged", "CartItemRemoved", "CartCleared");
        assertThat(cartsOf(other)).isZero();
    }

    @Test
    void limitsAreEnforcedAndChangeNothing() throws Exception {
        Who user = user();
        String item = itemIdOf(add(user, "prod-1", "var-1", "1.00", 5));
        add(user, "prod-1", "var-2", "1.00", 1);
        String cartId = cartIdOf(add(user, "prod-1", "var-3", "1.00", 1));
        Map<String, Object> before = counts();

        add(user, "prod-1", "var-1", "1.00", 1)
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("CART_LIMIT_EXCEEDED"))
                .andExpect(jsonPath("$.maxQuantityPerLine").value(5));
        add(user, "prod-1", "var-4", "1.00", 1)
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("CART_LIMIT_EXCEEDED"))
                .andExpect(jsonPath("$.maxLines").value(3));
        mvc.perform(user.on(put("/api/cart/items/{id}", item)).contentType(MediaType.APPLICATION_JSON).content("{\"quantity\":6}"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.code").value("CART_LIMIT_EXCEEDED"));
        add(user(), "prod-1", "var-1", "1.00", 6)
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.code").value("CART_LIMIT_EXCEEDED"));

        assertThat(counts()).isEqualTo(before);
        mvc.perform(user.on(get("/api/cart"))).andExpect(jsonPath("$.id").value(cartId)).andExpect(jsonPath("$.itemCount").value(7));
    }

    @Test
    void allLinesOfACartShareOneCurrency() throws Exception {
        Who user = user();
        add(user, "prod-1", "var-1", "1.00", 1);
        mvc.perform(user.on(post("/api/cart/items")).contentType(MediaType.APPLICATION_JSON)
                        .content(itemJson("prod-1", "var-2", "1.00", 1, "EUR")))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("CART_CURRENCY_MISMATCH"))
                .andExpect(jsonPath("$.cartCurrency").value("USD"));

        Who euro = user();
        mvc.perform(euro.on(post("/api/cart/items")).contentType(MediaType.APPLICATION_JSON)
                        .content(itemJson("prod-1", "var-2", "1.00", 1, "EUR")))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.currency").value("EUR"));
        mvc.perform(euro.on(get("/api/cart"))).andExpect(jsonPath("$.currency").value("EUR"));
    }

    @Test
    void anAnonymousCartIsMergedIntoTheUsersCartOnce() throws Exception {
        // given a guest's cart and the user's cart sharing one variant
        Who guest = guest();
        add(guest, "prod-1", "var-1", "3.00", 4);
        add(guest, "prod-1", "var-2", "5.00", 1);
        add(guest, "prod-1", "var-3", "7.00", 2);
        Who user = user();
        String cartId = cartIdOf(add(user, "prod-1", "var-1", "2.00", 3));
        add(user, "prod-9", "var-9", "1.00", 1);

        // when the guest signs in
        merge(user, guest.value())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cart.id").value(cartId))
                .andExpect(jsonPath("$.cart.items.length()").value(3))
                .andExpect(jsonPath("$.cart.items[0].variantId").value("var-1"))
                .andExpect(jsonPath("$.cart.items[0].quantity").value(5))
                .andExpect(jsonPath("$.cart.items[0].unitPrice").value(3.00))
                .andExpect(jsonPath("$.notMerged.length()").value(2))
                .andExpect(jsonPath("$.notMerged[0].variantId").value("var-1"))
                .andExpect(jsonPath("$.notMerged[0].requested").value(4))
                .andExpect(jsonPath("$.notMerged[0].kept").value(2))
                .andExpect(jsonPath("$.notMerged[0].reason").value("MAX_QUANTITY_PER_LINE"))
                .andExpect(jsonPath("$.notMerged[1].variantId").value("var-3"))
                .andExpect(jsonPath("$.notMerged[1].reason").value("MAX_LINES"));

        // then the guest's cart is closed, and merging it again changes nothing
        mvc.perform(guest.on(get("/api/cart"))).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("MERGED"));
        add(guest, "prod-1", "var-1", "1.00", 1).andExpect(status().isConflict());
        Map<String, Object> before = counts();
        merge(user, guest.value()).andExpect(status().isOk())
                .andExpect(jsonPath("$.cart.id").value(cartId))
                .andExpect(jsonPath("$.cart.itemCount").value(7))
                .andExpect(jsonPath("$.notMerged.length()").value(0));
        assertThat(counts()).isEqualTo(before);
        assertThat(events(cartId)).containsExactly("CartItemAdded", "CartItemAdded", "CartMerged");

        merge(user, "cart-unknown").andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("CART_NOT_FOUND"));
        merge(user(), cartId).andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("CART_NOT_FOUND"));
    }

    @Test
    void aGuestCartMergedIntoAUserWithoutACartBecomesTheUsersCart() throws Exception {
        Who guest = guest();
        add(guest, "prod-1", "var-1", "3.00", 2);
        Who user = user();

        String cartId = json.readTree(merge(user, guest.value()).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString()).at("/cart/id").asText();

        assertThat(cartId).startsWith("cart-").isNotEqualTo(guest.value());
        mvc.perform(user.on(get("/api/cart"))).andExpect(jsonPath("$.id").value(cartId)).andExpect(jsonPath("$.itemCount").value(2));
    }

    @Test
    void checkoutTakesTheCartOnceAndTheNextWriteStartsANewCart() throws Exception {
        Who user = user();
        checkoutStarted(user, "chk-empty").andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("CART_EMPTY"));
        String cartId = cartIdOf(add(user, "prod-1", "var-1", "10.00", 2));
        add(user, "prod-1", "var-2", "5.00", 1);
        String checkout = newId("chk");

        checkoutStarted(user, checkout).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(cartId))
                .andExpect(jsonPath("$.status").value("CHECKED_OUT"))
                .andExpect(jsonPath("$.checkoutId").value(checkout))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.total").value(25.00));
        checkoutStarted(user, checkout).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(cartId))
                .andExpect(jsonPath("$.total").value(25.00));
        checkoutStarted(user, newId("chk")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("CART_CHECKED_OUT"))
                .andExpect(jsonPath("$.checkoutId").value(checkout));

        // the user's cart is empty again, and the next write starts another cart
        mvc.perform(user.on(get("/api/cart"))).andExpect(jsonPath("$.id").value(nullValue())).andExpect(jsonPath("$.itemCount").value(0));
        String next = cartIdOf(add(user, "prod-1", "var-3", "1.00", 1));
        assertThat(next).isNotEqualTo(cartId);
        checkoutStarted(user, checkout).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(cartId));

        assertThat(events(cartId)).containsExactly("CartItemAdded", "CartItemAdded", "CartCheckedOut");
        JsonNode event = json.readTree(jdbc.queryForObject(
                "select payload from outbox_event where event_key = ? and event_type = 'CartCheckedOut'", String.class, cartId));
        assertThat(event.at("/payload/checkoutId").asText()).isEqualTo(checkout);
        assertThat(event.at("/payload/total").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(event.at("/payload/items").size()).isEqualTo(2);
    }

    @Test
    void aCancelledCheckoutReopensTheCart() throws Exception {
        Who user = user();
        String cartId = cartIdOf(add(user, "prod-1", "var-1", "10.00", 2));
        String checkout = newId("chk");
        checkoutStarted(user, checkout).andExpect(status().isOk());

        checkoutCancelled(user, checkout).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(cartId))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.itemCount").value(2));
        checkoutCancelled(user, checkout).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(cartId));
        checkoutCancelled(user, "chk-unknown").andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("CART_NOT_FOUND"));

        add(user, "prod-1", "var-1", "10.00", 1).andExpect(status().isCreated()).andExpect(jsonPath("$.cartId").value(cartId));
        assertThat(events(cartId)).containsExactly("CartItemAdded", "CartCheckedOut", "CartReopened", "CartItemAdded");
    }

    @Test
    void aCancelledCheckoutOfAUserWhoStartedAnotherCartMergesIntoThatCart() throws Exception {
        Who user = user();
        String old = cartIdOf(add(user, "prod-1", "var-1", "10.00", 2));
        String checkout = newId("chk");
        checkoutStarted(user, checkout).andExpect(status().isOk());
        String fresh = cartIdOf(add(user, "prod-1", "var-1", "11.00", 1));

        checkoutCancelled(user, checkout).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(fresh))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.itemCount").value(3));
        checkoutCancelled(user, checkout).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(fresh))
                .andExpect(jsonPath("$.itemCount").value(3));
        assertThat(events(fresh)).containsExactly("CartItemAdded", "CartReopened");
    }

    @Test
    void anAnonymousCartInCheckoutTakesNoChanges() throws Exception {
        Who guest = guest();
        add(guest, "prod-1", "var-1", "10.00", 1);
        String checkout = newId("chk");
        checkoutStarted(guest, checkout).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CHECKED_OUT"));
        checkoutStarted(guest, checkout).andExpect(status().isOk());

        add(guest, "prod-1", "var-2", "1.00", 1).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("CART_CHECKED_OUT"));
        mvc.perform(guest.on(delete("/api/cart"))).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("CART_CHECKED_OUT"));
        checkoutStarted(guest, newId("chk")).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("CART_CHECKED_OUT"));
        merge(user(), guest.value()).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("CART_CHECKED_OUT"));

        checkoutCancelled(guest, checkout).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
        add(guest, "prod-1", "var-2", "1.00", 1).andExpect(status().isCreated());
    }

    @Test
    void badInputIsRefusedOnEveryEndpointAndChangesNothing() throws Exception {
        Who user = user();
        String item = itemIdOf(add(user, "prod-1", "var-1", "1.00", 1));
        Who guest = guest();
        Map<String, Object> before = counts();

        String[] badItems = {
                "{\"variantId\":\"v\",\"name\":\"n\",\"unitPrice\":1.00,\"quantity\":1}",
                "{\"productId\":\"bad id\",\"variantId\":\"v\",\"name\":\"n\",\"unitPrice\":1.00,\"quantity\":1}",
                "{\"productId\":\"p\",\"name\":\"n\",\"unitPrice\":1.00,\"quantity\":1}",
                "{\"productId\":\"p\",\"variantId\":\"v\",\"name\":\" \",\"unitPrice\":1.00,\"quantity\":1}",
                "{\"productId\":\"p\",\"variantId\":\"v\",\"name\":\"" + "n".repeat(201) + "\",\"unitPrice\":1.00,\"quantity\":1}",
                "{\"productId\":\"p\",\"variantId\":\"v\",\"name\":\"n\",\"quantity\":1}",
                "{\"productId\":\"p\",\"variantId\":\"v\",\"name\":\"n\",\"unitPrice\":-1.00,\"quantity\":1}",
                "{\"productId\":\"p\",\"variantId\":\"v\",\"name\":\"n\",\"unitPrice\":1.001,\"quantity\":1}",
                "{\"productId\":\"p\",\"variantId\":\"v\",\"name\":\"n\",\"unitPrice\":1.00,\"currency\":\"usd\",\"quantity\":1}",
                "{\"productId\":\"p\",\"variantId\":\"v\",\"name\":\"n\",\"unitPrice\":1.00,\"quantity\":0}",
                "{\"productId\":\"p\",\"variantId\":\"v\",\"name\":\"n\",\"unitPrice\":1.00,\"quantity\":-1}",
                "{\"productId\":\"p\",\"variantId\":\"v\",\"name\":\"n\",\"unitPrice\":1.00}",
        };
        for (String bad : badItems) {
            expectInvalid(user.on(post("/api/cart/items")).contentType(MediaType.APPLICATION_JSON).content(bad));
        }
        String goodItem = itemJson("prod-1", "var-2", "1.00", 1, null);
        String goodCheckout = "{\"checkoutId\":\"chk-1\"}";
        for (String badQuantity : List.of("{}", "{\"quantity\":0}", "{\"quantity\":-3}", "{\"quantity\":10001}")) {
            expectInvalid(user.on(put("/api/cart/items/{id}", item)).contentType(MediaType.APPLICATION_JSON).content(badQuantity));
        }
        for (String badCheckout : List.of("{}", "{\"checkoutId\":\"\"}", "{\"checkoutId\":\"with space\"}")) {
            expectInvalid(user.on(post("/api/cart/checkout-started")).contentType(MediaType.APPLICATION_JSON).content(badCheckout));
            expectInvalid(user.on(post("/api/cart/checkout-cancelled")).contentType(MediaType.APPLICATION_JSON).content(badCheckout));
        }
        for (String badMerge : List.of("{}", "{\"anonymousCartId\":\"\"}", "{\"anonymousCartId\":\"a/b\"}")) {
            expectInvalid(user.on(post("/api/cart/merge")).contentType(MediaType.APPLICATION_JSON).content(badMerge));
        }
        expectInvalid(user.on(put("/api/cart/items/{id}", "bad item")).contentType(MediaType.APPLICATION_JSON).content("{\"quantity\":2}"));
        expectInvalid(user.on(delete("/api/cart/items/{id}", "bad item")));

        // no cart named, or a malformed name, on every endpoint
        for (Who nobody : List.of(new Who("X-Other", "x"), new Who("X-User-Id", "bad user"), new Who("X-Cart-Id", "bad cart"))) {
            expectInvalid(nobody.on(get("/api/cart")));
            expectInvalid(nobody.on(delete("/api/cart")));
            expectInvalid(nobody.on(post("/api/cart/items")).contentType(MediaType.APPLICATION_JSON).content(goodItem));
            expectInvalid(nobody.on(put("/api/cart/items/{id}", item)).contentType(MediaType.APPLICATION_JSON).content("{\"quantity\":2}"));
            expectInvalid(nobody.on(delete("/api/cart/items/{id}", item)));
            expectInvalid(nobody.on(post("/api/cart/checkout-started")).contentType(MediaType.APPLICATION_JSON).content(goodCheckout));
            expectInvalid(nobody.on(post("/api/cart/checkout-cancelled")).contentType(MediaType.APPLICATION_JSON).content(goodCheckout));
        }
        expectInvalid(guest.on(post("/api/cart/merge")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"anonymousCartId\":\"" + guest.value() + "\"}"));

        mvc.perform(user.on(post("/api/cart/items")).contentType(MediaType.APPLICATION_JSON).content("{\"productId\":"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        mvc.perform(user.on(post("/api/cart/items")).contentType(MediaType.APPLICATION_JSON).content("{\"quantity\":\"many\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        mvc.perform(user.on(put("/api/cart/items/{id}", item)).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));

        assertThat(counts()).isEqualTo(before);
        mvc.perform(user.on(get("/api/cart"))).andExpect(jsonPath("$.itemCount").value(1));
    }

    @Test
    void everyEndpointIsDocumented() throws Exception {
        mvc.perform(get("/api/cart/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/cart'].get.summary").value("The shopper's cart"))
                .andExpect(jsonPath("$.paths['/api/cart'].post").exists())
                .andExpect(jsonPath("$.paths['/api/cart'].delete").exists())
                .andExpect(jsonPath("$.paths['/api/cart/items'].post").exists())
                .andExpect(jsonPath("$.paths['/api/cart/items/{itemId}'].put").exists())
                .andExpect(jsonPath("$.paths['/api/cart/items/{itemId}'].delete").exists())
                .andExpect(jsonPath("$.paths['/api/cart/merge'].post").exists())
                .andExpect(jsonPath("$.paths['/api/cart/checkout-started'].post").exists())
                .andExpect(jsonPath("$.paths['/api/cart/checkout-cancelled'].post").exists());
    }

    private void expectInvalid(MockHttpServletRequestBuilder request) throws Exception {
        mvc.perform(request)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    private ResultActions add(Who who, String product, String variant, String price, int quantity) throws Exception {
        return mvc.perform(who.on(post("/api/cart/items")).contentType(MediaType.APPLICATION_JSON)
                .content(itemJson(product, variant, price, quantity, null)));
    }

    private ResultActions merge(Who user, String anonymousCartId) throws Exception {
        return mvc.perform(user.on(post("/api/cart/merge")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"anonymousCartId\":\"" + anonymousCartId + "\"}"));
    }

    private ResultActions checkoutStarted(Who who, String checkoutId) throws Exception {
        return mvc.perform(who.on(post("/api/cart/checkout-started")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"checkoutId\":\"" + checkoutId + "\"}"));
    }

    private ResultActions checkoutCancelled(Who who, String checkoutId) throws Exception {
        return mvc.perform(who.on(post("/api/cart/checkout-cancelled")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"checkoutId\":\"" + checkoutId + "\"}"));
    }

    static String itemJson(String product, String variant, String price, int quantity, String currency) {
        return "{\"productId\":\"" + product + "\",\"variantId\":\"" + variant + "\",\"name\":\"Headphones " + product + "/"
                + variant + "\",\"unitPrice\":" + price + (currency == null ? "" : ",\"currency\":\"" + currency + "\"")
                + ",\"quantity\":" + quantity + "}";
    }

    private Who guest() throws Exception {
        MvcResult created = mvc.perform(post("/api/cart"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(startsWith("cart-")))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.items.length()").value(0))
                .andReturn();
        return new Who("X-Cart-Id", body(created).get("id").asText());
    }

    private static Who user() {
        return new Who("X-User-Id", newId("user"));
    }

    private String cartIdOf(ResultActions added) throws Exception {
        return body(added.andExpect(status().isCreated()).andReturn()).get("cartId").asText();
    }

    private String itemIdOf(ResultActions added) throws Exception {
        return body(added.andExpect(status().isCreated()).andReturn()).get("itemId").asText();
    }

    private JsonNode body(MvcResult result) throws Exception {
        return json.readTree(result.getResponse().getContentAsString());
    }

    private int cartsOf(Who user) {
        return jdbc.queryForObject("select count(*) from cart where user_id = ?", Integer.class, user.value());
    }

    private Map<String, Object> counts() {
        return jdbc.queryForMap("select (select count(*) from cart) carts, (select count(*) from cart_item) items, "
                + "(select coalesce(sum(quantity), 0) from cart_item) units, (select coalesce(sum(version), 0) from cart) versions, "
                + "(select count(*) from outbox_event) events");
    }

    private List<String> events(String cartId) {
        return jdbc.queryForList("select event_type from outbox_event where event_key = ? order by seq", String.class, cartId);
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
