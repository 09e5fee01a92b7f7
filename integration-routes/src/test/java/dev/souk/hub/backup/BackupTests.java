package dev.souk.hub.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.hub.FakeService;
import dev.souk.security.testing.TestTokens;
import dev.souk.security.testing.TestTokensConfiguration;

/**
 * {@code /api/backups} on a hub with a real (file) database: a backup asks every service for its file with the hub's
 * token and backs up the hub's own database for real; a verification asks every service and checks the hub's own file;
 * a service that cannot back up fails the backup, which names it and is not verified.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.config.enabled=false",
        "eureka.client.enabled=false",
        "spring.datasource.url=jdbc:h2:file:./target/hub-backup-tests/${random.uuid}/engine",
        "souk.backup.dir=./target/hub-backup-tests/backups",
        "souk.backup.keep=2"
})
@ActiveProfiles("test")
@Import(TestTokensConfiguration.class)
class BackupTests {

    /** Every service at one address: the fake tells them apart by their base path. */
    static final FakeService SERVICES = new FakeService("every-service");
    static final FakeService AUTH = new FakeService("auth-service");
    static final String HUB_TOKEN = TestTokens.service();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> REFUSING = ConcurrentHashMap.newKeySet();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        for (String app : BackupRoutes.SERVICES.keySet()) {
            registry.add("spring.cloud.discovery.client.simple.instances." + app + "[0].uri", SERVICES::uri);
        }
        registry.add("souk.security.client.token-uri", () -> AUTH.uri() + "/api/auth/token");
        AUTH.answerJson("/api/auth/token", 200,
                "{\"access_token\":\"" + HUB_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
        BackupRoutes.SERVICES.forEach((app, basePath) -> {
            SERVICES.handle("POST", basePath + "/internal/backups/*", request -> REFUSING.contains(app)
                    ? new FakeService.Reply(500, "{\"status\":500,\"code\":\"BACKUP_FAILED\",\"detail\":\"disk full\"}")
                    : new FakeService.Reply(201, """
                            {"app":"%s","backupId":"%s","file":"%s.h2.zip","bytes":1024,"sha256":"%s","format":"h2-backup-zip",
                             "createdAt":"2026-12-07T02:00:00Z"}""".formatted(app, idIn(request), app, "ab".repeat(32))));
            SERVICES.handle("DELETE", basePath + "/internal/backups/*", request -> new FakeService.Reply(200, "{}"));
            SERVICES.handle("POST", basePath + "/internal/backups/*/verify", request -> new FakeService.Reply(200, """
                    {"app":"%s","backupId":"x","ok":true,"checksumMatches":true,"restored":true,"tables":3,"rows":10,
                     "detail":"restored"}""".formatted(app)));
        });
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBackupHoldsEveryServicesFileAndTheHubsOwnAndVerifies() throws Exception {
        REFUSING.clear();

        HttpResponse<String> started = call("POST", "/api/backups", admin());

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = JSON.readTree(started.body()).path("id").asText();
        assertThat(id).startsWith("backup-");
        JsonNode backup = awaitBackup(id, "status");
        assertThat(backup.path("status").asText()).as(backup.toString()).isEqualTo("SUCCEEDED");
        assertThat(backup.path("requestedBy").asText()).isEqualTo("admin-1");
        assertThat(backup.path("parts").findValuesAsText("app")).hasSize(14).contains("integration-hub", "auth-service",
                "order-service", "audit-service");
        assertThat(backup.path("summary").asText()).startsWith("backed up 14 of 14 databases");
        // every service was asked with the hub's own token, at its own path
        List<FakeService.Received> asked = SERVICES.received().stream()
                .filter(r -> r.uri().getPath().endsWith("/internal/backups/" + id)).toList();
        assertThat(asked).hasSize(13).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + HUB_TOKEN));
        assertThat(asked).anySatisfy(r -> assertThat(r.uri().getPath()).isEqualTo("/api/orders/internal/backups/" + id));
        // the hub's own database is really in the backup folder, with the checksum recorded
        JsonNode hub = part(backup, "integration-hub");
        Path file = Path.of("target/hub-backup-tests/backups", id, "integration-hub.h2.zip");
        assertThat(file).isRegularFile();
        assertThat(hub.path("bytes").asLong()).isEqualTo(Files.size(file));
        assertThat(Files.readString(file.resolveSibling("integration-hub.h2.zip.sha256"))).startsWith(hub.path("sha256").asText());
        JsonNode manifest = JSON.readTree(file.resolveSibling("manifest.json").toFile());
        assertThat(manifest.path("backupId").asText()).isEqualTo(id);
        assertThat(manifest.path("files").findValuesAsText("sha256")).hasSize(14).contains(hub.path("sha256").asText());
        assertThat(backup.path("verified").asBoolean()).isFalse();
        assertThat(backup.path("ageSeconds").asLong()).isBetween(0L, 120L);

        // when it is verified
        HttpResponse<String> verify = call("POST", "/api/backups/" + id + "/verify", admin());

        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(202);
        JsonNode verified = awaitBackup(id, "verification");
        assertThat(verified.path("verification").asText()).as(verified.toString()).isEqualTo("PASSED");
        assertThat(part(verified, "integration-hub").path("verifyDetail").asText()).contains("restored into a scratch H2 database");
        assertThat(part(verified, "cart-service").path("verified").asBoolean()).isTrue();
        assertThat(verified.path("verified").asBoolean()).isTrue();
        assertThat(meters.get("souk.backup.newest.verified.age.seconds").gauge().value()).isBetween(0.0, 120.0);
        // and both acts are on their way to the audit log
        assertThat(jdbc.queryForList("select event_type from operations_outbox where event_key = ?", String.class, id))
                .contains("BackupCreated", "BackupVerified");
    }

    @Test
    void aServiceThatCannotBackUpFailsTheBackupWhichSaysWhichAndIsNotVerified() throws Exception {
        REFUSING.add("payment-service");
        try {
            String id = JSON.readTree(call("POST", "/api/backups", admin()).body()).path("id").asText();

            JsonNode backup = awaitBackup(id, "status");

            assertThat(backup.path("status").asText()).isEqualTo("FAILED");
            assertThat(backup.path("summary").asText()).contains("backed up 13 of 14").contains("failed: payment-service");
            assertThat(part(backup, "payment-service").path("error").asText()).contains("500");
            assertThat(call("POST", "/api/backups/" + id + "/verify", admin()).statusCode()).isEqualTo(409);
        } finally {
            REFUSING.clear();
        }
    }

    @Test
    void backupsAreTheAdministratorsAndBadRequestsAreRefused() throws Exception {
        assertThat(call("GET", "/api/backups", TestTokens.bearer(TestTokens.customer("user-1"))).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/backups", TestTokens.bearer(TestTokens.customer("user-1"))).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/backups?X-User-Roles=ADMIN", TestTokens.bearer(TestTokens.customer("user-1"))).statusCode())
                .isEqualTo(403);
        assertThat(call("GET", "/api/backups", null).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = call("GET", "/api/backups/backup-nope", admin());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(call("POST", "/api/backups/backup-nope/verify", admin()).statusCode()).isEqualTo(404);
        HttpResponse<String> badSize = call("GET", "/api/backups?size=1000", admin());
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badSize.body()).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        HttpResponse<String> listed = call("GET", "/api/backups?size=5", admin());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(JSON.readTree(listed.body()).path("size").asInt()).isEqualTo(5);
    }

    @Test
    void backupsBeyondTheNewestCompleteOnesArePrunedEverywhere() throws Exception {
        REFUSING.clear();
        List<String> made = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = JSON.readTree(call("POST", "/api/backups", admin()).body()).path("id").asText();
            assertThat(awaitBackup(id, "status").path("status").asText()).isEqualTo("SUCCEEDED");
            made.add(id);
        }

        HttpResponse<String> run = call("POST", "/api/scheduler/jobs/prune-backups/run", admin());
        assertThat(run.statusCode()).as(run.body()).isEqualTo(202);

        // the newest two complete backups stay; every older one is pruned, its files asked away from every service
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                !JSON.readTree(call("GET", "/api/backups/" + made.get(0), admin()).body()).path("prunedAt").isNull());
        JsonNode oldest = JSON.readTree(call("GET", "/api/backups/" + made.get(0), admin()).body());
        assertThat(oldest.path("prunedAt").asText()).isNotBlank();
        assertThat(Path.of("target/hub-backup-tests/backups", made.get(0))).doesNotExist();
        assertThat(SERVICES.received().stream().filter(r -> r.method().equals("DELETE")
                && r.uri().getPath().endsWith("/internal/backups/" + made.get(0)))).hasSize(13);
        for (String kept : made.subList(1, 3)) {
            assertThat(JSON.readTree(call("GET", "/api/backups/" + kept, admin()).body()).path("prunedAt").isNull()).isTrue();
            assertThat(Path.of("target/hub-backup-tests/backups", kept, "integration-hub.h2.zip")).isRegularFile();
        }
        HttpResponse<String> verifyPruned = call("POST", "/api/backups/" + made.get(0) + "/verify", admin());
        assertThat(verifyPruned.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(verifyPruned.body()).path("detail").asText()).contains("pruned");
    }

    private JsonNode awaitBackup(String id, String field) throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode backup = JSON.readTree(call("GET", "/api/backups/" + id, admin()).body());
            return !backup.path(field).isNull() && !backup.path(field).isMissingNode()
                    && !backup.path(field).asText().equals("RUNNING");
        });
        return JSON.readTree(call("GET", "/api/backups/" + id, admin()).body());
    }

    private static JsonNode part(JsonNode backup, String app) {
        for (JsonNode part : backup.path("parts")) {
            if (part.path("app").asText().equals(app)) {
                return part;
            }
        }
        throw new AssertionError("no part of " + app + " in " + backup);
    }

    private static String idIn(FakeService.Received request) {
        String path = request.uri().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String admin() {
        return TestTokens.bearer(TestTokens.admin());
    }

    private HttpResponse<String> call(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
