package dev.souk.hub.downstream;

import java.util.concurrent.ExecutorService;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DownstreamCallsConfiguration {

    /**
     * Threads that run guarded downstream calls so the circuit breakers can time them out.
     * Own pool: they must not borrow the engine's job executor threads. Camel manages its
     * lifecycle (and Hawtio shows it under the context's thread pools).
     */
    @Bean(name = DownstreamCalls.EXECUTOR, destroyMethod = "")
    ExecutorService downstreamCallExecutor(CamelContext camel,
                                           @Value("${souk.hub.downstream-threads.core:4}") int core,
                                           @Value("${souk.hub.downstream-threads.max:64}") int max) {
        return camel.getExecutorServiceManager().newThreadPool(this, "downstream-calls", core, max);
    }
}
