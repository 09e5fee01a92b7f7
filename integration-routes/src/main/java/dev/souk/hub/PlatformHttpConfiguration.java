package dev.souk.hub;

import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Camel's platform-http engine on Spring MVC hands every request to a Spring task executor.
 * Left alone it would pick the first one it finds, Camunda's job executor pool; HTTP
 * requests get their own pool so they never compete with process jobs.
 */
@Configuration
class PlatformHttpConfiguration {

    private final int threads;

    PlatformHttpConfiguration(@Value("${souk.hub.http-threads:100}") int threads) {
        this.threads = threads;
    }

    /** Not an autowire candidate: nothing else should pick this pool up by type. */
    @Bean(autowireCandidate = false)
    ThreadPoolTaskExecutor hubHttpRequestExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("hub-http-");
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setAllowCoreThreadTimeOut(true);
        executor.setQueueCapacity(1000);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }

    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        // a call on the proxied configuration returns the singleton pool above
        return new SpringBootPlatformHttpEngine(port, hubHttpRequestExecutor());
    }
}
