package dev.souk.hub.discovery;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.stereotype.Component;

import dev.souk.hub.errors.DownstreamUnavailableException;

/**
 * Where a downstream service lives right now. Instances come from the registry (Eureka)
 * and, when it does not know a service, from the static
 * {@code spring.cloud.discovery.client.simple.instances.<id>} addresses. Spring Cloud
 * LoadBalancer caches the instance lists (spring.cloud.loadbalancer.cache.ttl) and picks
 * one instance per call, so routes spread load over replicas.
 *
 * <p>Routes call it from endpoint URIs: {@code ${bean:serviceUrls?method=baseUrl('product-service')}}.
 */
@Component("serviceUrls")
public class ServiceUrls {

    private final LoadBalancerClient loadBalancer;

    public ServiceUrls(LoadBalancerClient loadBalancer) {
        this.loadBalancer = loadBalancer;
    }

    /** Base URL (scheme, host, port) of one instance of the service, without a trailing slash. */
    public String baseUrl(String serviceId) {
        ServiceInstance instance = loadBalancer.choose(serviceId);
        if (instance == null) {
            throw new DownstreamUnavailableException(serviceId, "no instance of " + serviceId + " is known");
        }
        String uri = instance.getUri().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
