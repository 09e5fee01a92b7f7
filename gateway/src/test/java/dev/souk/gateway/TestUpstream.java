package dev.souk.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP service for the gateway to route to. {@code /api/echo/**} answers with what it received:
 * the body as it came, the method, raw path, raw query and chosen request headers as X-Echo-* headers.
 */
final class TestUpstream implements AutoCloseable {

    static final String PROBLEM = "{\"type\":\"https://souk.dev/problems/out-of-stock\",\"title\":\"Conflict\","
            + "\"status\":409,\"detail\":\"Only 1 left\",\"instance\":\"/api/echo/problem\",\"code\":\"OUT_OF_STOCK\"}";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final CountDownLatch releaseSlow = new CountDownLatch(1);

    private TestUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/actuator/health", exchange -> reply(exchange, 200, "application/json",
                "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/api/echo/problem", exchange -> reply(exchange, 409, "application/problem+json",
                PROBLEM.getBytes(StandardCharsets.UTF_8)));
        server.createContext("/api/echo/moved", exchange -> {
            exchange.getResponseHeaders().set("Location", "/api/echo/elsewhere");
            reply(exchange, 302, "text/plain", new byte[0]);
        });
        server.createContext("/api/echo/unavailable", exchange -> {
            unavailableRequests.incrementAndGet();
            // what a Tomcat behind the gateway sends with a 503: it drops the connection afterwards
            exchange.getResponseHeaders().set("Retry-After", "5");
            exchange.getResponseHeaders().set("Connection", "close");
            reply(exchange, 503, "application/problem+json", ("{\"status\":503,\"code\":\"SERVICE_UNAVAILABLE\","
                    + "\"detail\":\"product-service is unavailable, retry later\"}").getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/api/echo", this::echo);
        // the routes the security tests send here
        server.createContext("/api/products", this::echo);
        server.createContext("/api/orders", this::echo);
        server.createContext("/api/auth", this::echo);
        server.createContext("/api/slow", exchange -> {
            slowRequests.incrementAndGet();
            try {
                // holds the answer until the test is over, far beyond the gateway's response timeout
                releaseSlow.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "text/plain", "late".getBytes(StandardCharsets.UTF_8));
        });
        server.start();
    }

    private static final TestUpstream SHARED = new TestUpstream();

    /** The one upstream of the test JVM; it stops when the JVM does. */
    static TestUpstream shared() {
        return SHARED;
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SHARED::close, "test-upstream-stop"));
    }

    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    private final java.util.concurrent.atomic.AtomicInteger slowRequests = new java.util.concurrent.atomic.AtomicInteger();

    private final java.util.concurrent.atomic.AtomicInteger unavailableRequests = new java.util.concurrent.atomic.AtomicInteger();

    /** How many requests reached /api/echo/unavailable (503 with Retry-After) so far. */
    int unavailableRequests() {
        return unavailableRequests.get();
    }

    /** How many requests reached the never-answering /api/slow so far. */
    int slowRequests() {
        return slowRequests.get();
    }

    /** How many requests reached the upstream so far. */
    int requests() {
        return requests.get();
    }

    String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An address where nothing listens. */
    static String deadUri() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void echo(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        var headers = exchange.getResponseHeaders();
        headers.add("X-Echo-Method", exchange.getRequestMethod());
        headers.add("X-Echo-Path", exchange.getRequestURI().getRawPath());
        headers.add("X-Echo-Query", String.valueOf(exchange.getRequestURI().getRawQuery()));
        headers.add("X-Echo-Foo", String.valueOf(exchange.getRequestHeaders().get("X-Foo")));
        headers.add("X-Echo-Forwarded-For", String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-For")));
        headers.add("X-Echo-Proxy-Authorization",
                String.valueOf(exchange.getRequestHeaders().getFirst("Proxy-Authorization")));
        headers.add("X-Echo-Page-Header", String.valueOf(exchange.getRequestHeaders().getFirst("page")));
        headers.add("X-Echo-User-Id", String.valueOf(exchange.getRequestHeaders().getFirst("X-User-Id")));
        headers.add("X-Echo-Authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        requests.incrementAndGet();
        headers.add("Set-Cookie", "a=1; Path=/");
        headers.add("Set-Cookie", "b=2; Path=/");
        headers.add("Cache-Control", "max-age=60");
        // the security headers every Souk app sends; the gateway sends them too, once
        headers.add("X-Content-Type-Options", "nosniff");
        headers.add("X-Frame-Options", "SAMEORIGIN");
        String wanted = exchange.getRequestHeaders().getFirst("X-Want-Status");
        int status = wanted == null ? 200 : Integer.parseInt(wanted);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        reply(exchange, status, contentType == null ? "application/octet-stream" : contentType, body);
    }

    private static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (status == 204 || "HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        releaseSlow.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
