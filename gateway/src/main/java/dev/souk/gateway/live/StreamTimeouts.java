package dev.souk.gateway.live;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.AsyncWebRequest;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.DeferredResultProcessingInterceptor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Every request through the edge is an asynchronous servlet request that ends after
 * {@code spring.mvc.async.request-timeout}; a stream (the paths in {@code souk.gateway.live.stream-paths}) would be cut
 * off then. Streams get their own, long timeout instead, set before the request turns asynchronous; every other
 * request keeps the normal one.
 */
@Configuration(proxyBeanMethods = false)
class StreamTimeouts implements WebMvcConfigurer {

    private final LiveConnectionProperties live;

    StreamTimeouts(LiveConnectionProperties live) {
        this.live = live;
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.registerDeferredResultInterceptors(new DeferredResultProcessingInterceptor() {
            @Override
            public <T> void beforeConcurrentHandling(NativeWebRequest request, DeferredResult<T> result) {
                HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
                if (request instanceof AsyncWebRequest async && servletRequest != null
                        && live.streamPaths().contains(servletRequest.getRequestURI())) {
                    async.setTimeout(live.streamTimeout().toMillis());
                }
            }
        });
    }
}
