package dev.souk.cart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.souk.cart.CartApiTests.itemJson;
import static dev.souk.cart.CartApiTests.newId;
import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Abandoned carts expire: a signed-in user's after 90 days, an anonymous one after 30 (the defaults), once each, and
 * only while nobody changes them. Carts are aged by moving their last change back in the database.
 */
@SoukServiceTest
class CartExpiryTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @Test
    void cartsUntouchedLongerThanTheShopKeepsThemExpireOnceWithTheirLines() throws Exception {
        // given a user's cart idle for 91 days, another user's for 31 days, an anonymous cart idle for 31 days and
        // a checked-out cart idle for a year
        String idleUser = newId("user");
        String idleUserCart = addFor("X-User-Id", idleUser, 2);
        String recentUser = newId("user");
        String recentUserCart = addFor("X-User-Id", recentUser, 1);
        String guestCart = newGuestCart();
        addFor("X-Cart-Id", guestCart, 3);
        String buyer = newId("user");
        String checkedOutCart = addFor("X-User-Id", buyer, 1);
        mvc.perform(post("/api/cart/checkout-started").header("X-User-Id", buyer).contentType(MediaType.APPLICATION_JSON)
                .content("{\"checkoutId\":\"" + newId("chk") + "\"}")).andExpect(status().isOk());
        age(idleUserCart, Duration.ofDays(91));
        age(recentUserCart, Duration.ofDays(31));
        age(guestCart, Duration.ofDays(31));
        age(checkedOutCart, Duration.ofDays(365));

        // when the scheduler asks for expiry, twice
        JsonNode first = expire(200);
        JsonNode second = expire(200);

        // then exactly the idle user's and the guest's carts expired, each with one event carrying its lines
        assertThat(first.path("expired").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(first.path("more").asBoolean()).isFalse();
        assertThat(second.path("expired").asInt()).isZero();
        assertThat(statusOf(idleUserCart)).isEqualTo("EXPIRED");
        assertThat(statusOf(guestCart)).isEqualTo("EXPIRED");
        assertThat(statusOf(recentUserCart)).isEqualTo("ACTIVE");
        assertThat(statusOf(checkedOutCart)).isEqualTo("CHECKED_OUT");
        assertThat(eventsOf(idleUserCart)).containsOnlyOnce("CartExpired").endsWith("CartExpired");
        assertThat(eventsOf(guestCart)).containsOnlyOnce("CartExpired");
        assertThat(eventsOf(recentUserCart)).doesNotContain("CartExpired");
        JsonNode event = json.readTree(jdbc.queryForObject("select payload from outbox_event where event_key = ? "
                + "and event_type = 'CartExpired'", String.class, idleUserCart));
        assertThat(event.at("/payload/userId").asText()).isEqualTo(idleUser);
        assertThat(event.at("/payload/items/0/quantity").asInt()).isEqualTo(2);

        // and the idle user starts afresh: an empty cart, and the next item opens a new one
        mvc.perform(get("/api/cart").header("X-User-Id", idleUser))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(0));
        assertThat(addFor("X-User-Id", idleUser, 1)).isNotEqualTo(idleUserCart);

        // while the expired anonymous cart takes no more changes and merges nothing
        mvc.perform(post("/api/cart/items").header("X-Cart-Id", guestCart).contentType(MediaType.APPLICATION_JSON)
                        .content(itemJson("prod-1", "var-1", "5.00", 1, null)))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("CART_EXPIRED"));
        String signedIn = newId("user");
        mvc.perform(post("/api/cart/merge").header("X-User-Id", signedIn).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"anonymousCartId\":\"" + guestCart + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cart.items.length()").value(0));
        assertThat(statusOf(guestCart)).isEqualTo("EXPIRED");
    }

    @Test
    void aRoundTakesAtMostItsLimitAndSaysMoreAreDue() throws Exception {
        List<String> idle = List.of(addFor("X-User-Id", newId("user"), 1), addFor("X-User-Id", newId("user"), 1),
                addFor("X-User-Id", newId("user"), 1));
        for (String cart : idle) {
            age(cart, Duration.ofDays(100));
        }

        JsonNode round = expire(1);

        assertThat(round.path("expired").asInt()).isEqualTo(1);
        assertThat(round.path("more").asBoolean()).isTrue();
        while (expire(1).path("more").asBoolean()) {
            // the scheduler goes on while more are due
        }
        assertThat(idle).allSatisfy(cart -> assertThat(statusOf(cart)).isEqualTo("EXPIRED"));
    }

    @Test
    void onlyTheHubMayExpireCartsAndTheLimitIsChecked() throws Exception {
        mvc.perform(post("/api/cart/internal/expire").with(admin()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(post("/api/cart/internal/expire").with(customer(newId("user"))))
                .andExpect(status().isForbidden());
        for (String limit : List.of("0", "1001", "lots")) {
            mvc.perform(post("/api/cart/internal/expire").param("limit", limit))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
    }

    private JsonNode expire(int limit) throws Exception {
        return json.readTree(mvc.perform(post("/api/cart/internal/expire").param("limit", String.valueOf(limit)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    private String addFor(String header, String value, int quantity) throws Exception {
        ResultActions added = mvc.perform(post("/api/cart/items").header(header, value)
                .contentType(MediaType.APPLICATION_JSON)
                .content(itemJson(newId("prod"), "var-1", "9.99", quantity, null)));
        return json.readTree(added.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                .get("cartId").asText();
    }

    private String newGuestCart() throws Exception {
        return json.readTree(mvc.perform(post("/api/cart")).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asText();
    }

    private void age(String cartId, Duration idle) {
        jdbc.update("update cart set updated_at = ? where id = ?", Timestamp.from(Instant.now().minus(idle)), cartId);
    }

    private String statusOf(String cartId) {
        return jdbc.queryForObject("select status from cart where id = ?", String.class, cartId);
    }

    private List<String> eventsOf(String cartId) {
        return jdbc.queryForList("select event_type from outbox_event where event_key = ? order by seq", String.class, cartId);
    }
}
