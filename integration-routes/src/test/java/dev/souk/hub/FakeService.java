package dev.souk.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for a domain service: answers canned JSON per path (and
 * query), records what it was asked, and can be stopped to look like a crashed service.
 */
public final class FakeService {

    private record Answer(int status, String contentType, String body, boolean hang) {
    }

    private final String name;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<URI> requests = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** A request as it arrived: where, with which token and for which user, all its header names (lower case), its body. */
    public record Received(String method, URI uri, String authorization, String userId, Set<String> headerNames,
                           String body) {
    }

    /** What a handler answers: a status and JSON (problem+json from 400 on). */
    public record Reply(int status, String json) {
    }

    private record Handler(String method, Pattern path, Function<Received, Reply> reply) {
    }

    private final List<Handler> handlers = new CopyOnWriteArrayList<>();
    private final AtomicReference<CountDownLatch> hangRelease = new AtomicReference<>(new CountDownLatch(1));
    private volatile HttpServer server;
    private volatile int port;

    public FakeService(String name) {
        this.name = name;
        start();
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            created.createContext("/", this::handle);
            created.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            created.start();
            port = created.getAddress().getPort();
            server = created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start fake " + name + " on port " + port, e);
        }
    }

    /** Stops listening: connections are refused until {@link #start()} (same port). */
    public synchronized void stop() {
        if (server != null) {
            releaseHangingRequests();
            server.stop(0);
            server = null;
        }
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    public void answerJson(String pathAndQuery, int status, String json) {
        String type = status >= 400 ? "application/problem+json" : "application/json";
        answers.put(pathAndQuery, new Answer(status, type, json, false));
    }

    /**
     * Answers {@code method} requests whose path matches {@code pathPattern} ({@code *} stands for one path segment)
     * with what {@code reply} makes of the request; handlers are asked before the canned answers, latest first.
     */
    public void handle(String method, String pathPattern, Function<Received, Reply> reply) {
        String regex = Arrays.stream(pathPattern.split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining("[^/]+"));
        handlers.add(0, new Handler(method, Pattern.compile(regex), reply));
    }

    /** The request to this path never gets an answer until the test releases it. */
    public void hangOn(String pathAndQuery) {
        answers.put(pathAndQuery, new Answer(200, "application/json", "[]", true));
    }

    public void releaseHangingRequests() {
        hangRelease.getAndSet(new CountDownLatch(1)).countDown();
    }

    public List<URI> requests() {
        return List.copyOf(requests);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void reset() {
        releaseHangingRequests();
        answers.clear();
        handlers.clear();
        requests.clear();
        received.clear();
        start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        requests.add(uri);
        Received request = new Received(exchange.getRequestMethod(), uri, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-User-Id"),
                exchange.getRequestHeaders().keySet().stream().map(n -> n.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        received.add(request);
        String key = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        Answer answer = handlers.stream()
                .filter(h -> h.method().equals(request.method()) && h.path().matcher(uri.getRawPath()).matches())
                .findFirst()
                .map(h -> h.reply().apply(request))
                .map(reply -> new Answer(reply.status(), reply.status() >= 400 ? "application/problem+json" : "application/json",
                        reply.json(), false))
                .orElseGet(() -> answers.getOrDefault(key, new Answer(404, "application/problem+json",
                        "{\"status\":404,\"code\":\"NOT_FOUND\",\"title\":\"Not found\"}", false)));
        if (answer.hang()) {
            try {
                hangRelease.get().await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        try {
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException clientGone) {
            // the hub gave up waiting: nothing to answer
        } finally {
            exchange.close();
        }
    }
}
