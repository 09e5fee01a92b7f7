package dev.souk.recommendation;

import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;

import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static dev.souk.recommendation.Hub.newId;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What buyers bought together comes first, then what is popular; never the product itself or what cannot be bought. */
@SoukServiceTest
class RecommendationApiTests {

    @Autowired
    MockMvc mvc;

    Hub hub;
    String category;
    String a;
    String b;
    String c;

    @BeforeEach
    void catalog() throws Exception {
        hub = new Hub(mvc);
        category = newId("cat");
        a = newId("prod");
        b = newId("prod");
        c = newId("prod");
        for (String product : new String[]{a, b, c}) {
            hub.productForSale(product, category);
        }
    }

    @Test
    void threeBuyersOfAAndBMakeBTheFirstSuggestionForA() throws Exception {
        // given
        for (int buyer = 0; buyer < 3; buyer++) {
            hub.order(newId("user"), a, b);
        }
        hub.order(newId("user"), a, c);

        // when / then
        mvc.perform(get("/api/recommendations/products/{id}", a).with(anonymous()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].productId").value(b))
                .andExpect(jsonPath("$.items[0].reason").value("BOUGHT_TOGETHER"))
                .andExpect(jsonPath("$.items[0].buyers").value(3))
                .andExpect(jsonPath("$.items[1].productId").value(c))
                .andExpect(jsonPath("$.items[1].buyers").value(1))
                .andExpect(jsonPath("$.items[*].productId").value(not(hasItem(a))));
    }

    @Test
    void oneCustomerOrderingAPairOftenCountsOnce() throws Exception {
        String keen = newId("user");
        for (int order = 0; order < 5; order++) {
            hub.order(keen, a, c);
        }
        hub.order(newId("user"), a, b);
        hub.order(newId("user"), a, b);

        mvc.perform(get("/api/recommendations/products/{id}", a))
                .andExpect(jsonPath("$.items[0].productId").value(b))
                .andExpect(jsonPath("$.items[0].buyers").value(2))
                .andExpect(jsonPath("$.items[1].buyers").value(1));
    }

    @Test
    void withoutPairsThePopularProductsOfTheCategoryThenOfTheShopFollow() throws Exception {
        // given b is popular in a's category, and a product elsewhere is popular overall
        String elsewhere = newId("prod");
        hub.productForSale(elsewhere, newId("cat"));
        hub.order(newId("user"), b);
        hub.order(newId("user"), b);
        for (int buyer = 0; buyer < 50; buyer++) {
            hub.order(newId("user"), elsewhere);
        }

        // when / then
        mvc.perform(get("/api/recommendations/products/{id}", a).param("limit", "3"))
                .andExpect(jsonPath("$.items[0].productId").value(b))
                .andExpect(jsonPath("$.items[0].reason").value("POPULAR_IN_CATEGORY"))
                .andExpect(jsonPath("$.items[0].buyers").value(2))
                .andExpect(jsonPath("$.items[1].productId").value(elsewhere))
                .andExpect(jsonPath("$.items[1].reason").value("POPULAR"));
    }

    @Test
    void productsNotForSaleOrOutOfStockAreNeverSuggested() throws Exception {
        hub.order(newId("user"), a, b);
        hub.order(newId("user"), a, c);
        hub.stock(b, false);
        hub.catalog(newId("evt"), c, category, false, Instant.now());

        mvc.perform(get("/api/recommendations/products/{id}", a).param("limit", "50"))
                .andExpect(jsonPath("$.items[*].productId").value(not(hasItem(b))))
                .andExpect(jsonPath("$.items[*].productId").value(not(hasItem(c))));
        // and back once stock arrives
        hub.stock(b, true);
        mvc.perform(get("/api/recommendations/products/{id}", a)).andExpect(jsonPath("$.items[0].productId").value(b));
    }

    @Test
    void anOrderCancelledAfterPaymentStopsCountingAndALateConfirmationNeverCounts() throws Exception {
        // given
        String user = newId("user");
        String order = hub.order(user, a, b);
        hub.order(newId("user"), a, c);

        // when
        hub.cancelled(order, user).andExpect(jsonPath("$.outcome").value("APPLIED"));
        String cancelledFirst = newId("order");
        String buyer = newId("user");
        hub.cancelled(cancelledFirst, buyer);
        hub.confirmed(newId("evt"), cancelledFirst, buyer, a, b).andExpect(jsonPath("$.outcome").value("STALE"));

        // then
        mvc.perform(get("/api/recommendations/products/{id}", a))
                .andExpect(jsonPath("$.items[0].productId").value(c))
                .andExpect(jsonPath("$.items[0].reason").value("BOUGHT_TOGETHER"));
    }

    @Test
    void anEventDeliveredTwiceCountsOnce() throws Exception {
        String eventId = newId("evt");
        hub.confirmed(eventId, newId("order"), newId("user"), a, b).andExpect(jsonPath("$.outcome").value("APPLIED"));
        hub.confirmed(eventId, newId("order"), newId("user"), a, b).andExpect(jsonPath("$.outcome").value("DUPLICATE"));

        mvc.perform(get("/api/recommendations/products/{id}", a)).andExpect(jsonPath("$.items[0].buyers").value(1));
    }

    @Test
    void aCustomersRecommendationsStartFromTheirPurchasesAndSkipWhatTheyBought() throws Exception {
        // given
        String user = newId("user");
        for (int buyer = 0; buyer < 3; buyer++) {
            hub.order(newId("user"), a, c);
        }
        hub.order(newId("user"), a, b);
        hub.order(user, a, b);

        // when / then
        mvc.perform(get("/api/recommendations/users/{id}", user).with(customer(user)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].productId").value(c))
                .andExpect(jsonPath("$.items[0].reason").value("BOUGHT_TOGETHER"))
                .andExpect(jsonPath("$.items[*].productId").value(not(hasItem(a))))
                .andExpect(jsonPath("$.items[*].productId").value(not(hasItem(b))));
        // someone who bought nothing gets what is popular
        String newcomer = newId("user");
        mvc.perform(get("/api/recommendations/users/{id}", newcomer).with(customer(newcomer)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].reason").value("POPULAR"));
    }
}
