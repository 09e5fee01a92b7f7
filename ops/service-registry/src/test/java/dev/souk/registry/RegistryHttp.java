package dev.souk.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What the registry's callers send: an app's heartbeat, the operator's browser, a stranger's curl. */
final class RegistryHttp {

    static final String APP_PASSWORD = "registry-secret-1";
    static final String ADMIN_PASSWORD = "operator-secret-1";
    static final String APP = basic("souk-app", APP_PASSWORD);
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    /** An instance as a Eureka client registers it. */
    static final String PROBE = """
            {"instance":{"instanceId":"probe:1","hostName":"localhost","app":"PROBE","ipAddr":"127.0.0.1",
             "status":"UP","port":{"$":1,"@enabled":"true"},"dataCenterInfo":{"@class":
             "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    RegistryHttp(int port) {
        this.port = port;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String authorization) {
        return send(request(path, authorization).GET());
    }

    HttpResponse<String> register(String authorization) {
        return send(request("/eureka/apps/PROBE", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(PROBE)));
    }

    HttpResponse<String> send(String method, String path, String authorization) {
        return send(request(path, authorization).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json");
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
