package dev.souk.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import dev.souk.audit.AuditServiceApplication;
import dev.souk.auth.AuthServiceApplication;
import dev.souk.cart.CartServiceApplication;
import dev.souk.delivery.DeliveryServiceApplication;
import dev.souk.inventory.InventoryServiceApplication;
import dev.souk.notification.NotificationServiceApplication;
import dev.souk.order.OrderServiceApplication;
import dev.souk.payment.PaymentServiceApplication;
import dev.souk.product.ProductServiceApplication;
import dev.souk.recommendation.RecommendationServiceApplication;
import dev.souk.review.ReviewServiceApplication;
import dev.souk.search.SearchServiceApplication;
import dev.souk.user.UserServiceApplication;

/**
 * Runs every domain service in this JVM, each as its own Spring application — exactly what its own jar runs, with its
 * own port, database, configuration (from its {@code <name>.yml} and the config server), registration, health, metrics
 * and log file — so a developer's machine pays for one JVM and one JIT instead of one per service. Services still talk
 * to each other and to the hub over HTTP and Kafka only.
 *
 * <pre>
 *   java -jar ops/services-host/target/services-host.jar          # every service
 *   SOUK_HOSTED_SERVICES=user-service,product-service java -jar … # some of them
 * </pre>
 *
 * A service that does not start stops the host with its name and the reason (the details are in its log file).
 */
public final class ServicesHost {

    /** Every service the host can run, in the seed's startup order. */
    static final Map<String, Class<?>> SERVICES = services();

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Map<String, ConfigurableApplicationContext> running = new ConcurrentHashMap<>();

    private static Map<String, Class<?>> services() {
        Map<String, Class<?>> services = new LinkedHashMap<>();
        services.put("auth-service", AuthServiceApplication.class);
        services.put("user-service", UserServiceApplication.class);
        services.put("product-service", ProductServiceApplication.class);
        services.put("inventory-service", InventoryServiceApplication.class);
        services.put("cart-service", CartServiceApplication.class);
        services.put("order-service", OrderServiceApplication.class);
        services.put("payment-service", PaymentServiceApplication.class);
        services.put("delivery-service", DeliveryServiceApplication.class);
        services.put("notification-service", NotificationServiceApplication.class);
        services.put("review-service", ReviewServiceApplication.class);
        services.put("search-service", SearchServiceApplication.class);
        services.put("recommendation-service", RecommendationServiceApplication.class);
        services.put("audit-service", AuditServiceApplication.class);
        return services;
    }

    public static void main(String[] args) {
        // one logging setup for the JVM, owned here: a service's context must not reset it for all the others
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        Path logDir = logDir();
        HostLogging.configure(logDir, System.getenv().getOrDefault("SOUK_LOG_FORMAT", "logstash"));

        List<String> chosen;
        try {
            chosen = chosen(System.getenv("SOUK_HOSTED_SERVICES"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ServicesHost host = new ServicesHost();
        Runtime.getRuntime().addShutdownHook(new Thread(host::stop, "services-host-stop"));
        long begin = System.nanoTime();
        String failure = host.start(chosen, args, parallelism());
        if (failure != null) {
            System.err.println(failure + " (log: " + logDir.resolve(failure.split(" ")[0] + ".log") + ")");
            host.stop();
            System.exit(1);
            return;
        }
        System.out.printf("services host: %d services up in %.1f s (logs in %s)%n", chosen.size(),
                (System.nanoTime() - begin) / 1e9, logDir);
    }

    /** The services named in {@code list} (comma separated), or all of them. */
    static List<String> chosen(String list) {
        if (list == null || list.isBlank()) {
            return List.copyOf(SERVICES.keySet());
        }
        List<String> names = Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        Set<String> unknown = names.stream().filter(name -> !SERVICES.containsKey(name)).collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("The services host does not know " + unknown + "; it hosts " + SERVICES.keySet());
        }
        return SERVICES.keySet().stream().filter(names::contains).toList();
    }

    /**
     * Starts the services, a few at a time; each on a thread of its own, so that every thread its context creates
     * (web server, schedulers, clients) is known to work for it. Returns null when all are up, else why one failed.
     */
    String start(List<String> services, String[] args, int parallelism) {
        prepareDataFolders(services);
        Semaphore slots = new Semaphore(parallelism);
        List<CompletableFuture<String>> starts = new ArrayList<>();
        for (String service : services) {
            CompletableFuture<String> started = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                HostedApp.set(service);
                try {
                    slots.acquire();
                    try {
                        long begin = System.nanoTime();
                        SpringApplication application = new SpringApplication(SERVICES.get(service));
                        application.setRegisterShutdownHook(false);
                        running.put(service, application.run(args));
                        System.out.printf("  %s up in %.1f s%n", service, (System.nanoTime() - begin) / 1e9);
                        started.complete(null);
                    } finally {
                        slots.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    started.complete(service + " was interrupted while starting");
                } catch (Throwable failed) {
                    started.complete(service + " did not start: " + reason(failed));
                }
            }, "start-" + service);
            thread.start();
            starts.add(started);
        }
        String failure = null;
        for (CompletableFuture<String> started : starts) {
            String outcome = started.join();
            if (failure == null && outcome != null) {
                failure = outcome;
            }
        }
        return failure;
    }

    /** Closes every running service at once, so the host is down within the slowest one's graceful shutdown. */
    void stop() {
        List<CompletableFuture<Void>> stops = running.entrySet().stream()
                .map(entry -> CompletableFuture.runAsync(() -> {
                    HostedApp.set(entry.getKey());
                    entry.getValue().close();
                }))
                .toList();
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("services host: not every service stopped within " + STOP_GRACE.toSeconds() + " s");
        }
        running.clear();
    }

    Map<String, ConfigurableApplicationContext> running() {
        return running;
    }

    /** The innermost message that says what went wrong, without a stack trace. */
    static String reason(Throwable failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    /**
     * Every service's folder of the data directory, made before the services start side by side: H2 creates a missing
     * parent folder itself, and two databases doing so at the same moment fail with "a file with this name already
     * exists".
     */
    private static void prepareDataFolders(List<String> services) {
        Path data = Path.of(System.getProperty("SOUK_DATA_DIR", System.getenv().getOrDefault("SOUK_DATA_DIR", "./data")));
        for (String service : services) {
            try {
                Files.createDirectories(data.resolve(service));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data folder of " + service + " in " + data, e);
            }
        }
    }

    private static Path logDir() {
        String logs = System.getenv("SOUK_LOGS_DIR");
        Path dir = logs != null && !logs.isBlank() ? Path.of(logs)
                : Path.of(System.getenv().getOrDefault("SOUK_DATA_DIR", "./data")).resolve("logs");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log folder " + dir, e);
        }
    }

    private static int parallelism() {
        String value = System.getenv("SOUK_HOST_START_PARALLELISM");
        return value == null || value.isBlank() ? 3 : Math.max(1, Integer.parseInt(value.strip()));
    }
}
