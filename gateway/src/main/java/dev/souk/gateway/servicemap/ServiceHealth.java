package dev.souk.gateway.servicemap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.gateway.GatewayProperties;
import dev.souk.gateway.GatewayProperties.ServiceEntry;
import dev.souk.gateway.edge.ServiceInstances;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Asks every known service for its /actuator/health, all at once with a short timeout, and keeps the answer
 * for a couple of seconds so any number of open service maps cost one round of checks.
 */
@Component
public class ServiceHealth {

    private final Map<String, ServiceEntry> services;
    private final ServiceInstances instances;
    private final ObjectMapper objectMapper;
    private final Duration timeout;
    private final long cacheTtlNanos;
    private final HttpClient client;
    private final Path restartingFile;

    private CompletableFuture<List<ServiceStatus>> latest;
    private long latestAt;

    public ServiceHealth(GatewayProperties properties, ServiceInstances instances, ObjectMapper objectMapper) {
        this.services = properties.getServices();
        this.instances = instances;
        this.objectMapper = objectMapper;
        this.timeout = properties.getHealth().getTimeout();
        this.cacheTtlNanos = properties.getHealth().getCacheTtl().toNanos();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        String restarting = properties.getHealth().getRestartingFile();
        this.restartingFile = restarting == null || restarting.isBlank() ? null : Path.of(restarting);
    }

    public List<ServiceStatus> statuses() {
        return current().join();
    }

    private synchronized CompletableFuture<List<ServiceStatus>> current() {
        long now = System.nanoTime();
        if (latest == null || now - latestAt > cacheTtlNanos) {
            latest = check();
            latestAt = now;
        }
        return latest;
    }

    private CompletableFuture<List<ServiceStatus>> check() {
        Set<String> restarting = restarting();
        List<CompletableFuture<ServiceStatus>> checks = new ArrayList<>();
        services.forEach((key, entry) -> checks.add(statusOf(entry)
                .thenApply(status -> ServiceStatus.DOWN.equals(status) && restarting.contains(entry.getServiceId())
                        ? ServiceStatus.RESTARTING : status)
                .thenApply(status -> new ServiceStatus(key, entry.getName(), entry.getPath(), entry.getServiceId(),
                        linkOf(entry), status))));
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                .thenApply(done -> checks.stream().map(CompletableFuture::join).toList());
    }

    /** The apps the local stack is restarting right now (none outside the local stack). */
    private Set<String> restarting() {
        if (restartingFile == null || !Files.isReadable(restartingFile)) {
            return Set.of();
        }
        try {
            return Files.readAllLines(restartingFile).stream().map(String::strip).filter(s -> !s.isEmpty())
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** Where the map sends a click: the configured link, else the API's Swagger UI through the gateway. */
    static String linkOf(ServiceEntry entry) {
        if (entry.getLink() != null) {
            return entry.getLink();
        }
        return entry.getPath() == null ? null : "/api/" + entry.getPath() + "/swagger-ui/index.html";
    }

    private CompletableFuture<String> statusOf(ServiceEntry entry) {
        if (entry.isSelf()) {
            return CompletableFuture.completedFuture(ServiceStatus.UP);
        }
        if (entry.getHealthUrl() != null && !entry.getHealthUrl().isBlank()) {
            return probe(URI.create(entry.getHealthUrl()));
        }
        List<URI> known = entry.getServiceId() == null ? List.of() : instances.all(entry.getServiceId());
        if (known.isEmpty()) {
            return CompletableFuture.completedFuture(entry.isPlanned() ? ServiceStatus.PLANNED : ServiceStatus.DOWN);
        }
        List<CompletableFuture<String>> probes = known.stream().map(uri -> probe(uri.resolve("/actuator/health"))).toList();
        return CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new))
                .thenApply(done -> best(probes.stream().map(CompletableFuture::join).toList()));
    }

    /** A service is up when any of its instances is. */
    private static String best(List<String> statuses) {
        for (String wanted : List.of(ServiceStatus.UP, ServiceStatus.UNKNOWN)) {
            if (statuses.contains(wanted)) {
                return wanted;
            }
        }
        return ServiceStatus.DOWN;
    }

    private CompletableFuture<String> probe(URI healthUri) {
        HttpRequest request = HttpRequest.newBuilder(healthUri).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(this::interpret)
                .exceptionally(failure -> ServiceStatus.DOWN);
    }

    private String interpret(HttpResponse<byte[]> response) {
        try {
            JsonNode status = objectMapper.readTree(response.body()).path("status");
            if (status.isTextual()) {
                return "UP".equals(status.asText()) ? ServiceStatus.UP : ServiceStatus.DOWN;
            }
        } catch (Exception unreadable) {
            // not an actuator answer; fall through
        }
        return response.statusCode() == 503 ? ServiceStatus.DOWN : ServiceStatus.UNKNOWN;
    }
}
