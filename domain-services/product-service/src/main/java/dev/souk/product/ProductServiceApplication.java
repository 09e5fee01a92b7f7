package dev.souk.product;

import dev.souk.kit.config.SoukService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Owns the catalog: products, their variants and prices. */
@SpringBootApplication
@SoukService("product-service")
public class ProductServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProductServiceApplication.class, args);
    }
}
