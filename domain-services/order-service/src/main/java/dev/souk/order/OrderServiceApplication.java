package dev.souk.order;

import dev.souk.kit.config.SoukService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Owns orders: their priced items, totals, status and the history of every status change. */
@SpringBootApplication
@SoukService("order-service")
public class OrderServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderServiceApplication.class, args);
    }
}
