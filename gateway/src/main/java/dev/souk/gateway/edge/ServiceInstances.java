package dev.souk.gateway.edge;

import dev.souk.gateway.GatewayProperties;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resolves a service id to instance addresses through discovery (Eureka first, the static
 * {@code spring.cloud.discovery.client.simple} addresses as fallback). Lists are kept for a short while so a
 * request never waits on discovery, and instances are taken in turn.
 */
@Component
public class ServiceInstances {

    private final DiscoveryClient discoveryClient;
    private final long ttlNanos;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    public ServiceInstances(DiscoveryClient discoveryClient, GatewayProperties properties) {
        this.discoveryClient = discoveryClient;
        this.ttlNanos = properties.getInstanceCacheTtl().toNanos();
    }

    /** The next instance's base URI (scheme, host, port), round robin. */
    public Optional<URI> choose(String serviceId) {
        Cached cached = current(serviceId);
        if (cached.uris.isEmpty()) {
            return Optional.empty();
        }
        int index = Math.floorMod(cached.next.getAndIncrement(), cached.uris.size());
        return Optional.of(cached.uris.get(index));
    }

    public List<URI> all(String serviceId) {
        return current(serviceId).uris;
    }

    private Cached current(String serviceId) {
        long now = System.nanoTime();
        Cached cached = cache.get(serviceId);
        if (cached == null || now - cached.loadedAt > ttlNanos) {
            cached = new Cached(lookUp(serviceId), now, cached == null ? new AtomicInteger() : cached.next);
            cache.put(serviceId, cached);
        }
        return cached;
    }

    private List<URI> lookUp(String serviceId) {
        try {
            return discoveryClient.getInstances(serviceId).stream().map(ServiceInstances::baseUri).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static URI baseUri(ServiceInstance instance) {
        return URI.create((instance.isSecure() ? "https" : "http") + "://" + instance.getHost() + ":" + instance.getPort());
    }

    private record Cached(List<URI> uris, long loadedAt, AtomicInteger next) {
    }
}
