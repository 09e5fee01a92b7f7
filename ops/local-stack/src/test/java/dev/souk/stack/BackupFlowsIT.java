package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Backups on the running stack, through the gateway: the administrator backs up every database of the shop (each
 * service its own, the hub its own with the engine's) and verifies the backup by checksum and restore drill.
 */
@ExtendWith(SoukStack.class)
class BackupFlowsIT {

    private static final String GATEWAY = Http.GATEWAY;

    @Test
    void theAdministratorBacksUpEveryDatabaseAndVerifiesIt() {
        Http admin = Http.admin();

        HttpResponse<String> started = admin.send(Http.request(GATEWAY + "/api/backups")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = Http.json(started).path("id").asText();

        JsonNode backup = awaitEnd(admin, id, "status");
        assertThat(backup.path("status").asText()).as(backup.toString()).isEqualTo("SUCCEEDED");
        assertThat(backup.path("parts")).hasSize(14).allSatisfy(part -> {
            assertThat(part.path("error").isNull()).as(part.toString()).isTrue();
            assertThat(part.path("format").asText()).isEqualTo("h2-backup-zip");
            assertThat(part.path("bytes").asLong()).isPositive();
            assertThat(part.path("sha256").asText()).hasSize(64);
        });

        HttpResponse<String> verify = admin.send(Http.request(GATEWAY + "/api/backups/" + id + "/verify")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(202);
        JsonNode verified = awaitEnd(admin, id, "verification");
        assertThat(verified.path("verification").asText()).as(verified.toString()).isEqualTo("PASSED");
        assertThat(verified.path("parts")).allSatisfy(part ->
                assertThat(part.path("verifyDetail").asText()).as(part.toString()).contains("restored"));

        assertThat(Http.json(admin.get(GATEWAY + "/api/backups")).path("content").findValuesAsText("id")).contains(id);
        assertThat(new Http().get(GATEWAY + "/api/backups/v3/api-docs").body()).contains("/api/backups/{id}/verify");
        assertThat(Http.newCustomer().get(GATEWAY + "/api/backups").statusCode()).isEqualTo(403);
    }

    private static JsonNode awaitEnd(Http admin, String id, String field) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode value = Http.json(admin.get(GATEWAY + "/api/backups/" + id)).path(field);
            return value.isTextual() && !value.asText().equals("RUNNING");
        });
        return Http.json(admin.get(GATEWAY + "/api/backups/" + id));
    }
}
