package dev.souk.cart;

import dev.souk.cart.domain.Cart;
import dev.souk.cart.domain.CartService;
import dev.souk.cart.domain.NewItem;
import dev.souk.cart.domain.Shopper;
import dev.souk.kit.problem.ApiException;
import dev.souk.kit.testing.Concurrently;
import dev.souk.kit.testing.PostgresTestDatabase;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static dev.souk.cart.CartApiTests.newId;
import static org.assertj.core.api.Assertions.assertThat;

/** Parallel changes of one cart on the real PostgreSQL server: none is lost, and a cart is checked out once. */
@SoukServiceTest
@TestPropertySource(properties = {"souk.cart.max-quantity-per-line=20", "souk.cart.max-lines=50"})
class CartConcurrencyTests {

    private static final int PARALLEL = 10;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.use(registry, "souk_cart_concurrency_test", 16);
    }

    @Autowired
    CartService carts;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void tenParallelFirstAddsOfOneVariantAllCountInOneCart() throws Exception {
        // given a user without a cart
        Shopper user = Shopper.user(newId("user"));

        // when ten requests each add one unit of the same variant at once
        List<String> outcomes = Concurrently.runTogether(PARALLEL,
                () -> outcome(() -> carts.addItem(user, item("var-1", 1)).cart().id()));

        // then all succeed, in one cart, and the line holds all ten units
        assertThat(outcomes).doesNotContainNull().allMatch(outcomes.get(0)::equals).allMatch(id -> id.startsWith("cart-"));
        Cart cart = carts.get(user);
        assertThat(cart.items()).hasSize(1);
        assertThat(cart.items().get(0).quantity()).isEqualTo(PARALLEL);
        assertThat(cart.version()).isEqualTo(PARALLEL);
        assertThat(jdbc.queryForObject("select count(*) from cart where user_id = ?", Integer.class, user.userId())).isEqualTo(1);
        assertThat(events(cart.id(), "CartItemAdded")).isEqualTo(PARALLEL);
    }

    @Test
    void parallelAddsOfDifferentVariantsToAnAnonymousCartAllLand() throws Exception {
        Shopper guest = Shopper.anonymous(carts.createAnonymous().id());
        List<Callable<String>> adds = new ArrayList<>();
        for (int i = 0; i < 2 * PARALLEL; i++) {
            String variant = "var-" + (i % PARALLEL);
            adds.add(() -> outcome(() -> carts.addItem(guest, item(variant, 2)).item().variantId()));
        }

        List<String> outcomes = Concurrently.runTogether(PARALLEL, adds);

        assertThat(outcomes).allMatch(o -> o.startsWith("var-"));
        Cart cart = carts.get(guest);
        assertThat(cart.items()).hasSize(PARALLEL).allMatch(line -> line.quantity() == 4);
        assertThat(cart.itemCount()).isEqualTo(4 * PARALLEL);
    }

    @Test
    void oneCheckoutStartedTenTimesAtOnceTakesTheCartOnce() throws Exception {
        Shopper user = Shopper.user(newId("user"));
        String cartId = carts.addItem(user, item("var-1", 3)).cart().id();
        String checkout = newId("chk");

        List<String> outcomes = Concurrently.runTogether(PARALLEL,
                () -> outcome(() -> {
                    Cart cart = carts.startCheckout(user, checkout);
                    return cart.id() + " " + cart.status() + " " + cart.itemCount();
                }));

        assertThat(outcomes).containsOnly(cartId + " CHECKED_OUT 3");
        assertThat(events(cartId, "CartCheckedOut")).isEqualTo(1);
    }

    @Test
    void checkoutsRacingEachOtherAndNewItemsLoseNothing() throws Exception {
        // given a cart with 3 units
        Shopper user = Shopper.user(newId("user"));
        carts.addItem(user, item("var-1", 3));
        List<Callable<String>> racers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String checkout = newId("chk");
            racers.add(() -> outcome(() -> carts.startCheckout(user, checkout).checkoutId()));
            racers.add(() -> outcome(() -> carts.addItem(user, item("var-2", 1)).cart().id()));
        }

        // when five checkouts and five single-unit adds run at once
        List<String> outcomes = Concurrently.runTogether(PARALLEL, racers);

        // then each checkout took a whole cart or was told the cart is in checkout, and no unit went missing
        List<String> checkouts = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i += 2) {
            checkouts.add(outcomes.get(i));
            assertThat(outcomes.get(i + 1)).startsWith("cart-");
        }
        List<String> taken = checkouts.stream().filter(o -> o.startsWith("chk-")).toList();
        assertThat(taken).isNotEmpty().doesNotHaveDuplicates();
        assertThat(checkouts).allMatch(o -> o.startsWith("chk-") || o.equals("CART_CHECKED_OUT"));
        assertThat(jdbc.queryForObject("select count(*) from cart where user_id = ? and status = 'CHECKED_OUT'",
                Integer.class, user.userId())).isEqualTo(taken.size());
        assertThat(jdbc.queryForObject("select count(*) from cart where user_id = ? and status = 'ACTIVE'",
                Integer.class, user.userId())).isLessThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("select coalesce(sum(i.quantity), 0) from cart_item i join cart c on c.id = i.cart_id "
                + "where c.user_id = ?", Integer.class, user.userId())).isEqualTo(3 + 5);
    }

    private static NewItem item(String variant, int quantity) {
        return new NewItem("prod-1", variant, "Headphones", new BigDecimal("9.99"), null, quantity);
    }

    private static String outcome(Callable<String> command) throws Exception {
        try {
            return command.call();
        } catch (ApiException e) {
            return e.code();
        }
    }

    private int events(String cartId, String type) {
        return jdbc.queryForObject("select count(*) from outbox_event where event_key = ? and event_type = ?",
                Integer.class, cartId, type);
    }
}
