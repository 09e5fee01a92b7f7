package dev.souk.cart;

import dev.souk.kit.config.SoukService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Owns the shopping carts of signed-in and anonymous shoppers until they are handed to checkout. */
@SpringBootApplication
@SoukService("cart-service")
public class CartServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CartServiceApplication.class, args);
    }
}
