package dev.souk.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The integration hub: Camel routes between the domain services, the Camunda engine
 * (Cockpit at /camunda) and Hawtio (/actuator/hawtio).
 */
@SpringBootApplication
public class IntegrationHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntegrationHubApplication.class, args);
    }
}
