package dev.souk.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One app of the stack: its Eureka id, where its jar is built, its port, its heap and the apps that must
 * be healthy before it starts.
 *
 * @param name        spring.application.name, also the log file name
 * @param key         short name as on the service map (users, registry, ...), accepted by {@code --only}
 * @param moduleDir   module directory relative to the repository root
 * @param artifactId  the jar is {@code <moduleDir>/target/<artifactId>.jar}
 * @param port        HTTP port, health at {@code /actuator/health}
 * @param maxHeapMb   -Xmx
 * @param dependsOn   names of apps that must be healthy first (the seed's startup order)
 * @param apiPath     path of the service's API through the gateway ({@code /api/users}), or null
 */
public record AppSpec(String name, String key, String moduleDir, String artifactId, int port, int maxHeapMb,
                      List<String> dependsOn, String apiPath) {

    public Path jar(Path repoRoot) {
        return repoRoot.resolve(moduleDir).resolve("target").resolve(artifactId + ".jar");
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
                new AppSpec("config-server", "config", "ops/config-server", "config-server", 8888, 160,
                        List.of("service-registry"), null),
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
                new AppSpec("integration-hub", "hub", "integration-routes", "integration-routes", 8090, 384,
                        List.of("user-service", "product-service", "inventory-service", "cart-service", "order-service",
                                "payment-service", "delivery-service"), "/api/catalog"));
    }
}
