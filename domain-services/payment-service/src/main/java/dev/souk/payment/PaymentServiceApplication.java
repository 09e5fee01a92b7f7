package dev.souk.payment;

import dev.souk.kit.config.SoukService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Owns payments and refunds of orders, charged through a {@link dev.souk.payment.provider.PaymentProvider}. */
@SpringBootApplication
@SoukService("payment-service")
public class PaymentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PaymentServiceApplication.class, args);
    }
}
