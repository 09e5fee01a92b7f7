package dev.souk.audit;

import dev.souk.kit.config.SoukService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Keeps the shop's audit log: every domain event and every security and administrative act, append-only and hash-chained. */
@SpringBootApplication
@ConfigurationPropertiesScan
@SoukService("audit-service")
public class AuditServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuditServiceApplication.class, args);
    }
}
