package dev.souk.stack;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small demo catalog loaded through the public API (the gateway), exactly as a client would, signed in as the
 * local administrator: customers who can log in (demo@souk.dev is user-123), products in three categories and their
 * stock. Idempotent: whatever already exists is left alone, so running it again never resets stock that orders have
 * since moved.
 */
public final class DemoCatalog {

    public record User(String id, String email, String fullName, String phone) { }

    public record Variant(String id, String name, BigDecimal price, int onHand) { }

    public record Product(String id, String name, String description, String category, List<Variant> variants) { }

    public static final List<User> USERS = List.of(
            new User("user-123", "demo@souk.dev", "Demo Customer", "+49 30 1234567"),
            new User("user-456", "amira@souk.dev", "Amira Haddad", "+212 522 123456"),
            new User("user-789", "jonas@souk.dev", "Jonas Berg", null));

    public static final List<Product> PRODUCTS = List.of(
            new Product("prod-1", "Souk Classic T-Shirt", "Organic cotton crew neck, garment dyed.", "apparel", List.of(
                    new Variant("var-1", "Small / Indigo", new BigDecimal("19.90"), 100),
                    new Variant("var-2", "Medium / Indigo", new BigDecimal("19.90"), 80),
                    new Variant("var-3", "Large / Sand", new BigDecimal("21.90"), 40))),
            new Product("prod-2", "Trail Hoodie", "Brushed fleece hoodie with a zipped pocket.", "apparel", List.of(
                    new Variant("var-4", "Medium", new BigDecimal("49.00"), 30),
                    new Variant("var-5", "Large", new BigDecimal("49.00"), 25))),
            new Product("prod-3", "Ceramic Pour-Over Set", "Dripper, carafe and two cups, hand glazed.", "kitchen", List.of(
                    new Variant("var-6", "White", new BigDecimal("34.50"), 20))),
            new Product("prod-4", "Cast Iron Skillet 26 cm", "Pre-seasoned, oven safe.", "kitchen", List.of(
                    new Variant("var-7", "Standard", new BigDecimal("39.00"), 15))),
            new Product("prod-5", "Wireless Earbuds", "Bluetooth 5.3, 30 h with the case.", "electronics", List.of(
                    new Variant("var-8", "Black", new BigDecimal("59.00"), 50),
                    new Variant("var-9", "White", new BigDecimal("59.00"), 50))),
            new Product("prod-6", "USB-C Charger 65 W", "Two ports, foldable plug.", "electronics", List.of(
                    new Variant("var-10", "Standard", new BigDecimal("29.99"), 60))));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI gateway;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private String adminToken;

    public DemoCatalog(URI gateway, Consumer<String> log) {
        this.gateway = gateway;
        this.log = log;
    }

    /** Logs in as the local administrator; every write of the loader carries that token. */
    private void signIn() throws IOException, InterruptedException {
        HttpResponse<String> login = send(HttpRequest.newBuilder(gateway.resolve("/api/auth/login"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("email", StackOptions.ADMIN_EMAIL, "password", StackOptions.ADMIN_PASSWORD))))
                .build());
        expectOk(login, "log in as " + StackOptions.ADMIN_EMAIL);
        adminToken = JSON.readTree(login.body()).path("accessToken").asText();
    }

    /** True when the product catalog has no product at all. */
    public boolean catalogIsEmpty() throws IOException, InterruptedException {
        HttpResponse<String> response = send(get("/api/products?page=0&size=1"));
        expectOk(response, "list products");
        JsonNode body = JSON.readTree(response.body());
        if (body.isArray()) {
            return body.isEmpty();
        }
        if (body.has("content")) {
            return body.get("content").isEmpty();
        }
        JsonNode total = body.has("totalElements") ? body.get("totalElements") : body.path("page").path("totalElements");
        return total.isNumber() && total.asLong() == 0;
    }

    /** Creates what is missing; returns how many users, products and stock levels were created. */
    public Map<String, Integer> load() throws IOException, InterruptedException {
        signIn();
        int users = 0;
        for (User user : USERS) {
            if (!exists("/api/users/" + user.id() + "/exists")) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", user.id());
                body.put("email", user.email());
                body.put("fullName", user.fullName());
                if (user.phone() != null) {
                    body.put("phone", user.phone());
                }
                HttpResponse<String> created = send(post("/api/users", body));
                expectCreatedOrConflict(created, "create user " + user.id());
                users += created.statusCode() == 201 ? 1 : 0;
            }
            // the customer can log in with the same id (an account that exists is kept)
            HttpResponse<String> account = send(post("/api/auth/accounts", Map.of("id", user.id(), "email", user.email(),
                    "password", StackOptions.DEMO_CUSTOMER_PASSWORD, "fullName", user.fullName(), "roles", List.of("CUSTOMER"))));
            expectCreatedOrConflict(account, "create the account of " + user.id());
        }
        int products = 0;
        int stockLevels = 0;
        for (Product product : PRODUCTS) {
            if (!exists("/api/products/" + product.id() + "/exists")) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", product.id());
                body.put("name", product.name());
                body.put("description", product.description());
                body.put("category", product.category());
                body.put("active", true);
                body.put("variants", product.variants().stream()
                        .map(v -> Map.of("id", v.id(), "name", v.name(), "price", v.price()))
                        .toList());
                HttpResponse<String> created = send(post("/api/products", body));
                expectCreatedOrConflict(created, "create product " + product.id());
                products += created.statusCode() == 201 ? 1 : 0;
            }
            Set<String> stocked = stockedVariants(product.id());
            for (Variant variant : product.variants()) {
                if (!stocked.contains(variant.id())) {
                    HttpResponse<String> put = send(put("/api/inventory/stock",
                            Map.of("productId", product.id(), "variantId", variant.id(), "onHand", variant.onHand())));
                    expectOk(put, "set stock of " + product.id() + "/" + variant.id());
                    stockLevels++;
                }
            }
        }
        log.accept("demo catalog: created " + users + " users, " + products + " products, "
                + stockLevels + " stock levels (existing ones kept)");
        return Map.of("users", users, "products", products, "stockLevels", stockLevels);
    }

    private Set<String> stockedVariants(String productId) throws IOException, InterruptedException {
        HttpResponse<String> response = send(get("/api/inventory/stock?productId=" + productId));
        Set<String> variants = new HashSet<>();
        if (response.statusCode() == 404) {
            return variants;
        }
        expectOk(response, "read stock of " + productId);
        for (JsonNode level : JSON.readTree(response.body())) {
            variants.add(level.path("variantId").asText());
        }
        return variants;
    }

    private boolean exists(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(get(path));
        expectOk(response, "GET " + path);
        return Boolean.parseBoolean(response.body().trim());
    }

    private HttpRequest get(String path) {
        return authorized(HttpRequest.newBuilder(gateway.resolve(path)))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return adminToken == null ? request : request.header("Authorization", "Bearer " + adminToken);
    }

    private HttpRequest post(String path, Object body) throws IOException {
        return authorized(HttpRequest.newBuilder(gateway.resolve(path)))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
    }

    private HttpRequest put(String path, Object body) throws IOException {
        return authorized(HttpRequest.newBuilder(gateway.resolve(path)))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void expectOk(HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() != 200) {
            throw failure(response, what);
        }
    }

    private static void expectCreatedOrConflict(HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw failure(response, what);
        }
    }

    private static IOException failure(HttpResponse<String> response, String what) {
        String body = response.body() == null ? "" : response.body();
        return new IOException(what + " failed: HTTP " + response.statusCode() + " "
                + body.substring(0, Math.min(400, body.length())));
    }
}
