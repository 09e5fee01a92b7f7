package dev.souk.hub.discovery;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.stereotype.Component;

import dev.souk.hub.errors.DownstreamUnavailableException;

/**
 * Where a downstream service lives right now. Instances come from the registry (Eureka) and, when it does not know a
 * service, from the static {@code spring.cloud.discovery.client.simple.instances.<id>} addresses. Each service's list
 * is kept for a second and calls take its instances in turn, so routes spread load over replicas without asking the
 * registry client on every call.
 *
 * <p>Routes call it from endpoint URIs: {@code ${bean:serviceUrls?method=baseUrl('product-service')}}.
 */
@Component("serviceUrls")
public class ServiceUrls {

    private static final long KEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Instances(List<String> baseUrls, long fetchedAt, AtomicInteger next) {
    }

    private final DiscoveryClient discovery;
    private final ConcurrentMap<String, Instances> known = new ConcurrentHashMap<>();

    public ServiceUrls(DiscoveryClient discovery) {
        this.discovery = discovery;
    }

    /** Base URL (scheme, host, port) of one instance of the service, without a trailing slash. */
    public String baseUrl(String serviceId) {
        Instances instances = known.compute(serviceId, (id, cached) ->
                cached != null && System.nanoTime() - cached.fetchedAt() < KEEP_NANOS ? cached : fetch(id));
        if (instances.baseUrls().isEmpty()) {
            throw new DownstreamUnavailableException(serviceId, "no instance of " + serviceId + " is known");
        }
        List<String> urls = instances.baseUrls();
        return urls.get(Math.floorMod(instances.next().getAndIncrement(), urls.size()));
    }

    private Instances fetch(String serviceId) {
        List<String> urls = discovery.getInstances(serviceId).stream()
                .map(ServiceInstance::getUri)
                .map(URI::toString)
                .map(uri -> uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri)
                .toList();
        return new Instances(urls, System.nanoTime(), new AtomicInteger());
    }
}
