package dev.souk.audit.log;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    CheckpointKeys checkpointKeys(AuditProperties properties) {
        return CheckpointKeys.loadOrCreate(properties.signingKeyFile(), properties.trustedPublicKeys());
    }
}
