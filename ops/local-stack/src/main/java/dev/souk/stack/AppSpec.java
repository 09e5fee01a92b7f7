package dev.souk.stack;

import java.util.List;
import java.util.Set;

/**
 * One app of the stack: its Eureka id, where its jar is built, its port, its heap (when it runs alone) and the apps
 * that must be healthy before it starts.
 *
 * @param name        spring.application.name, also the log file name
 * @param key         short name as on the service map (users, registry, ...), accepted by {@code --only}
 * @param moduleDir   module directory relative to the repository root
 * @param artifactId  its runnable jar is {@code <moduleDir>/target/<artifactId>.jar} ({@code -exec.jar} for a domain
 *                    service, whose plain jar goes into the services host)
 * @param port        HTTP port, health at {@code /actuator/health}
 * @param maxHeapMb   -Xmx
 * @param dependsOn   names of apps that must be healthy first (the seed's startup order)
 * @param apiPath     path of the service's API through the gateway ({@code /api/users}), or null
 */
public record AppSpec(String name, String key, String moduleDir, String artifactId, int port, int maxHeapMb,
                      List<String> dependsOn, String apiPath) {

    /** A domain service: runs in the services host by default, alone from its {@code -exec} jar with --isolated. */
    public boolean hostable() {
        return moduleDir.startsWith("domain-services/");
    }

    public String healthUrl() {
        return "http://localhost:" + port + "/actuator/health";
    }

    boolean answersTo(Set<String> names) {
        return names.contains(name) || names.contains(key);
    }

    /** The apps of the local stack, in the seed's startup order. */
    public static List<AppSpec> stack() {
        return List.of(
                new AppSpec("service-registry", "registry", "ops/service-registry", "service-registry", 8761, 160,
                        List.of(), null),
                // registers with the registry in the background, so both start together
                new AppSpec("config-server", "config", "ops/config-server", "config-server", 8888, 160,
                        List.of(), null),
                new AppSpec("gateway", "gateway", "gateway", "gateway", 8080, 256,
                        List.of("config-server"), null),
                new AppSpec("auth-service", "auth", "domain-services/auth-service", "auth-service", 8101, 224,
                        List.of("config-server"), "/api/auth"),
                new AppSpec("user-service", "users", "domain-services/user-service", "user-service", 8102, 224,
                        List.of("config-server"), "/api/users"),
                new AppSpec("product-service", "products", "domain-services/product-service", "product-service", 8103, 224,
                        List.of("config-server"), "/api/products"),
                new AppSpec("inventory-service", "inventory", "domain-services/inventory-service", "inventory-service", 8104, 224,
                        List.of("config-server"), "/api/inventory"),
                new AppSpec("cart-service", "cart", "domain-services/cart-service", "cart-service", 8105, 224,
                        // the public cart API (and its Swagger UI) is the hub's, in front of this service
                        List.of("config-server"), "/api/cart"),
                new AppSpec("order-service", "orders", "domain-services/order-service", "order-service", 8106, 224,
                        // the public order API (and its Swagger UI) is the hub's, in front of this service
                        List.of("config-server"), "/api/orders"),
                new AppSpec("payment-service", "payments", "domain-services/payment-service", "payment-service", 8107, 224,
                        List.of("config-server"), "/api/payments"),
                new AppSpec("delivery-service", "delivery", "domain-services/delivery-service", "delivery-service", 8108, 224,
                        List.of("config-server"), "/api/delivery"),
                new AppSpec("notification-service", "notifications", "domain-services/notification-service",
                        "notification-service", 8109, 224, List.of("config-server"), "/api/notifications"),
                new AppSpec("review-service", "reviews", "domain-services/review-service", "review-service", 8110, 224,
                        List.of("config-server"), "/api/reviews"),
                new AppSpec("search-service", "search", "domain-services/search-service", "search-service", 8111, 256,
                        List.of("config-server"), "/api/search"),
                new AppSpec("recommendation-service", "recommendations", "domain-services/recommendation-service",
                        "recommendation-service", 8112, 224, List.of("config-server"), "/api/recommendations"),
                new AppSpec("audit-service", "audit", "domain-services/audit-service", "audit-service", 8115, 224,
                        List.of("config-server"), "/api/audit"),
                // finds the services through the registry when it calls them, so it starts beside them
                new AppSpec("integration-hub", "hub", "integration-routes", "integration-routes", 8090, 384,
                        List.of("config-server"), "/api/catalog"));
    }
}
