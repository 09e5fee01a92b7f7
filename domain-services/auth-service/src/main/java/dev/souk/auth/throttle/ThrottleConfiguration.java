package dev.souk.auth.throttle;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LoginThrottleProperties.class, RegisterLimitProperties.class})
@EnableScheduling
class ThrottleConfiguration {
}
