package dev.souk.hub;

import java.util.concurrent.Executor;

import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.souk.hub.security.InboundHeaderFilter;

/**
 * Camel's platform-http engine on Spring MVC hands every request to an executor. Left alone it would pick the first
 * one it finds, Camunda's job executor pool; the hub runs each request's route on the servlet container's own request
 * thread instead, so a request costs no hand-over to a second thread and process jobs never wait for HTTP work.
 */
@Configuration
class PlatformHttpConfiguration {

    /** Every HTTP route of the hub consumes through {@link InboundHeaderFilter}. */
    @Bean
    ComponentCustomizer inboundHeaderFilter() {
        return ComponentCustomizer.forType(PlatformHttpComponent.class,
                component -> component.setHeaderFilterStrategy(new InboundHeaderFilter()));
    }

    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        Executor onTheRequestThread = Runnable::run;
        return new SpringBootPlatformHttpEngine(port, onTheRequestThread);
    }
}
