package dev.souk.delivery;

import dev.souk.kit.config.SoukService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Owns the shipment of every confirmed order and moves it towards delivery. */
@SpringBootApplication
@SoukService("delivery-service")
public class DeliveryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeliveryServiceApplication.class, args);
    }
}
