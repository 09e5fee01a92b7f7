package dev.souk.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the edge is configured with under {@code souk.gateway}.
 * Timeouts that the Camel endpoints read as {@code {{placeholders}}} are plain milliseconds.
 */
@ConfigurationProperties("souk.gateway")
public class GatewayProperties {

    /** First path segment under /api → service id in the registry, e.g. users → user-service. */
    private Map<String, String> routes = new LinkedHashMap<>();

    /** Every node of the service map, in display order, keyed by its data-service key. */
    private Map<String, ServiceEntry> services = new LinkedHashMap<>();

    private int retryAfterSeconds = 5;

    /** How long resolved instances of a service are reused before asking discovery again. */
    private Duration instanceCacheTtl = Duration.ofSeconds(2);

    private final Health health = new Health();

    public Map<String, String> getRoutes() {
        return routes;
    }

    public void setRoutes(Map<String, String> routes) {
        this.routes = routes;
    }

    public Map<String, ServiceEntry> getServices() {
        return services;
    }

    public void setServices(Map<String, ServiceEntry> services) {
        this.services = services;
    }

    public int getRetryAfterSeconds() {
        return retryAfterSeconds;
    }

    public void setRetryAfterSeconds(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Duration getInstanceCacheTtl() {
        return instanceCacheTtl;
    }

    public void setInstanceCacheTtl(Duration instanceCacheTtl) {
        this.instanceCacheTtl = instanceCacheTtl;
    }

    public Health getHealth() {
        return health;
    }

    /** How the service map learns whether each node is up. */
    public static class Health {
        private Duration timeout = Duration.ofMillis(1500);
        private Duration cacheTtl = Duration.ofSeconds(2);
        /** Where the local stack lists the apps it is restarting, one name per line; none elsewhere. */
        private String restartingFile;

        public String getRestartingFile() {
            return restartingFile;
        }

        public void setRestartingFile(String restartingFile) {
            this.restartingFile = restartingFile;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Duration getCacheTtl() {
            return cacheTtl;
        }

        public void setCacheTtl(Duration cacheTtl) {
            this.cacheTtl = cacheTtl;
        }
    }

    /**
     * One node of the service map. Its status comes from, in this order: {@code self} (the gateway answers, so UP),
     * {@code healthUrl} (called directly), {@code serviceId} (resolved through discovery); a {@code planned}
     * node that discovery does not know reports PLANNED.
     */
    public static class ServiceEntry {
        private String name;
        /** The path segment under /api, if the node is an API reachable through the gateway. */
        private String path;
        private String serviceId;
        private String healthUrl;
        private String link;
        private boolean planned;
        private boolean self;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getServiceId() {
            return serviceId;
        }

        public void setServiceId(String serviceId) {
            this.serviceId = serviceId;
        }

        public String getHealthUrl() {
            return healthUrl;
        }

        public void setHealthUrl(String healthUrl) {
            this.healthUrl = healthUrl;
        }

        public String getLink() {
            return link;
        }

        public void setLink(String link) {
            this.link = link;
        }

        public boolean isPlanned() {
            return planned;
        }

        public void setPlanned(boolean planned) {
            this.planned = planned;
        }

        public boolean isSelf() {
            return self;
        }

        public void setSelf(boolean self) {
            this.self = self;
        }
    }
}
