package dev.souk.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny stand-in for the gateway (or product-service) on 127.0.0.1 speaking the order contract:
 * every {@code outOfStockEvery}-th placement answers 409 OUT_OF_STOCK, every {@code acceptedEvery}-th confirm 202.
 */
final class FakeStack implements AutoCloseable {

    final AtomicLong requests = new AtomicLong();
    final AtomicLong placements = new AtomicLong();
    final AtomicLong confirms = new AtomicLong();
    final List<String> stockUpdates = new CopyOnWriteArrayList<>();
    private final Set<String> orders = ConcurrentHashMap.newKeySet();
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile int outOfStockEvery;
    private volatile int acceptedEvery;
    private volatile long orderDelayMillis;
    private volatile boolean servesOrders = true;

    static {
        // like Tomcat behind the real stack: no Nagle delay between response headers and body
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakeStack(int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        executor = Executors.newFixedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    FakeStack outOfStockEvery(int n) {
        outOfStockEvery = n;
        return this;
    }

    FakeStack acceptedEvery(int n) {
        acceptedEvery = n;
        return this;
    }

    FakeStack orderDelayMillis(long millis) {
        orderDelayMillis = millis;
        return this;
    }

    FakeStack productsOnly() {
        servesOrders = false;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (method.equals("GET") && path.startsWith("/api/products/")) {
                String id = path.substring("/api/products/".length());
                if (id.equals("prod-1")) {
                    reply(exchange, 200, "application/json", "{\"id\":\"prod-1\",\"name\":\"Demo\",\"variants\":[{\"id\":\"var-1\"}]}");
                } else {
                    problem(exchange, 404, "NOT_FOUND");
                }
            } else if (!servesOrders) {
                problem(exchange, 404, "NOT_FOUND");
            } else if (method.equals("PUT") && path.equals("/api/inventory/stock")) {
                stockUpdates.add(body);
                reply(exchange, 200, "application/json", body);
            } else if (method.equals("POST") && path.equals("/api/orders")) {
                delay();
                long n = placements.incrementAndGet();
                if (!body.contains("\"userId\":\"user-123\"") || !body.contains("\"paymentMethodId\":\"pm_abc\"")
                        || !body.contains("\"variantId\":\"var-1\"")) {
                    problem(exchange, 400, "VALIDATION_FAILED");
                } else if (outOfStockEvery > 0 && n % outOfStockEvery == 0) {
                    problem(exchange, 409, "OUT_OF_STOCK");
                } else {
                    String id = UUID.randomUUID().toString();
                    orders.add(id);
                    String field = n % 2 == 0 ? "id" : "orderId";
                    reply(exchange, 201, "application/json", "{\"" + field + "\":\"" + id + "\",\"status\":\"PENDING\"}");
                }
            } else if (method.equals("PUT") && path.startsWith("/api/orders/") && path.endsWith("/confirm")) {
                delay();
                long n = confirms.incrementAndGet();
                String id = path.substring("/api/orders/".length(), path.length() - "/confirm".length());
                if (!"paymentMethodId=pm_abc".equals(query)) {
                    problem(exchange, 400, "VALIDATION_FAILED");
                } else if (!orders.contains(id)) {
                    problem(exchange, 404, "NOT_FOUND");
                } else if (acceptedEvery > 0 && n % acceptedEvery == 0) {
                    reply(exchange, 202, "application/json", "{\"id\":\"" + id + "\",\"status\":\"PENDING\"}");
                } else {
                    reply(exchange, 200, "application/json", "{\"id\":\"" + id + "\",\"status\":\"CONFIRMED\"}");
                }
            } else {
                problem(exchange, 404, "NOT_FOUND");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private void delay() throws InterruptedException {
        if (orderDelayMillis > 0) {
            Thread.sleep(orderDelayMillis); // simulated service time of the fake server, not a test wait
        }
    }

    private static void problem(HttpExchange exchange, int status, String code) throws IOException {
        reply(exchange, status, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"" + code + "\",\"status\":" + status + ",\"code\":\"" + code + "\"}");
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
