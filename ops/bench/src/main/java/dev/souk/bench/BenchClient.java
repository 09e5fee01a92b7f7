package dev.souk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP/1.1 client of the benchmark. Every request is checked against {@link LoopbackGuard}, never follows
 * redirects, bypasses proxies and times out no later than the run's hard deadline.
 */
final class BenchClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService executor;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final long hardDeadlineNanos;
    private final String token;

    BenchClient(Duration requestTimeout, long hardDeadlineNanos, String token) {
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "bench-http");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(requestTimeout)
                .executor(executor)
                .build();
        this.requestTimeout = requestTimeout;
        this.hardDeadlineNanos = hardDeadlineNanos;
        this.token = token;
    }

    HttpRequest get(URI uri) {
        return builder(uri).GET().build();
    }

    HttpRequest put(URI uri, Object jsonBody) {
        return builder(uri).header("Content-Type", "application/json").PUT(body(jsonBody)).build();
    }

    HttpRequest post(URI uri, Object jsonBody) {
        return builder(uri).header("Content-Type", "application/json").POST(body(jsonBody)).build();
    }

    HttpRequest putEmpty(URI uri) {
        return builder(uri).PUT(HttpRequest.BodyPublishers.noBody()).build();
    }

    Response send(HttpRequest request) {
        LoopbackGuard.check(request.uri());
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.failed("interrupted");
        } catch (IOException e) {
            return Response.failed(transportFailure(e));
        }
    }

    CompletableFuture<Response> sendAsync(HttpRequest request) {
        LoopbackGuard.check(request.uri());
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> failure == null
                        ? new Response(response.statusCode(), response.body(), null)
                        : Response.failed(transportFailure(failure)));
    }

    long hardDeadlineNanos() {
        return hardDeadlineNanos;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private HttpRequest.Builder builder(URI uri) {
        LoopbackGuard.check(uri);
        long left = hardDeadlineNanos - System.nanoTime();
        Duration timeout = Duration.ofNanos(Math.max(1_000_000, Math.min(requestTimeout.toNanos(), left)));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher body(Object jsonBody) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(jsonBody));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise request body", e);
        }
    }

    private static String transportFailure(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        return "io " + cause.getClass().getSimpleName();
    }

    /** An HTTP answer, or a transport failure (then status is 0). */
    record Response(int status, String body, String failure) {

        static Response failed(String failure) {
            return new Response(0, null, failure);
        }

        boolean is2xx() {
            return status >= 200 && status < 300;
        }

        /** Parsed JSON body, or null when the body is not JSON. */
        JsonNode json() {
            if (body == null || body.isBlank()) {
                return null;
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        /** Key under which a failure is counted: "409 OUT_OF_STOCK", "500", "timeout", "io ConnectException". */
        String failureKey() {
            if (failure != null) {
                return failure;
            }
            JsonNode json = json();
            if (json != null && json.hasNonNull("code") && json.get("code").isTextual()) {
                return status + " " + json.get("code").asText();
            }
            return String.valueOf(status);
        }
    }
}
