package dev.souk.delivery.carrier;

import dev.souk.delivery.shipment.ShipmentService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** Off with {@code souk.delivery.carrier-simulator.enabled=false}, e.g. where a real carrier reports the steps. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "souk.delivery.carrier-simulator.enabled", havingValue = "true", matchIfMissing = true)
@EnableScheduling
@EnableConfigurationProperties(CarrierSimulatorProperties.class)
class CarrierSimulatorConfiguration {

    @Bean
    CarrierSimulator carrierSimulator(ShipmentService shipments, CarrierSimulatorProperties properties, Clock clock) {
        return new CarrierSimulator(shipments, properties, clock);
    }
}
