package dev.souk.hub.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.backup.BackupPart;
import dev.souk.backup.DatabaseBackup;
import dev.souk.backup.Verification;
import dev.souk.security.testing.TestTokens;
import dev.souk.security.testing.TestTokensConfiguration;

/**
 * The hub in its production profile on the real PostgreSQL server: its migrations (the hub's tables, the scheduler's
 * job store for PostgreSQL, the engine's schema) apply to an empty database, the scheduler stores and runs a job asked
 * for with its data (bytea job data), administrative acts go to the operations outbox, and its own backup is a pg_dump
 * that reads back. The server is part of every development and CI machine; without it this test fails, it is not
 * skipped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.config.enabled=false",
        "eureka.client.enabled=false",
        "souk.backup.dir=./target/hub-postgres-tests/backups"
})
@ActiveProfiles({"test", "postgres"})
@Import(TestTokensConfiguration.class)
class HubOnPostgresTests {

    static final String HOST = System.getenv().getOrDefault("SOUK_TEST_PG_HOST", "127.0.0.1:5432");
    static final String USER = System.getenv().getOrDefault("SOUK_TEST_PG_USER", "postgres");
    static final String DATABASE = "souk_hub_tests";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", HubOnPostgresTests::freshDatabase);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DatabaseBackup hubBackup;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theHubsSchemaIsMigratedAndTheSchedulerRunsAJobAskedForOnPostgres() throws Exception {
        assertThat(jdbc.queryForList("select version from souk_hub_schema_history where success order by installed_rank",
                String.class)).contains("1", "2", "3", "4", "5", "6");
        assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_name = 'act_ru_execution'",
                Integer.class)).isOne();

        HttpResponse<String> pause = call("POST", "/api/scheduler/jobs/check-search-index/pause");
        HttpResponse<String> resume = call("POST", "/api/scheduler/jobs/check-search-index/resume");
        HttpResponse<String> run = call("POST", "/api/scheduler/jobs/clean-processed-events/run");

        assertThat(pause.statusCode()).as(pause.body()).isEqualTo(200);
        assertThat(json.readTree(pause.body()).path("state").asText()).isEqualTo("PAUSED");
        assertThat(resume.statusCode()).as(resume.body()).isEqualTo(200);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode last = json.readTree(call("GET", "/api/scheduler/jobs/clean-processed-events/runs?size=1").body())
                    .path("content").path(0);
            return last.path("result").asText().equals("SUCCEEDED") && last.path("kind").asText().equals("MANUAL");
        });
        assertThat(jdbc.queryForList("select event_type from operations_outbox order by seq", String.class))
                .contains("SchedulerJobPaused", "SchedulerJobResumed", "SchedulerJobRun", "SchedulerJobEnded");
    }

    @Test
    void theHubsOwnBackupIsAPgDumpThatReadsBack() {
        String id = "pg-" + UUID.randomUUID().toString().substring(0, 8);

        BackupPart part = hubBackup.backUp(id);
        Verification verified = hubBackup.verify(id);

        assertThat(part.format()).isEqualTo(DatabaseBackup.PG_DUMP_FORMAT);
        assertThat(part.file()).isEqualTo("integration-hub.pgdump");
        assertThat(verified.ok()).as(verified.detail()).isTrue();
        // the hub's tables, the scheduler's and the engine's
        assertThat(verified.tables()).isGreaterThan(40);
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String freshDatabase() {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is required for this test and is not reachable at " + HOST
                    + " as " + USER + " (start it with: pg_ctlcluster 15 main start): " + e.getMessage(), e);
        }
        return "jdbc:postgresql://" + HOST + "/" + DATABASE;
    }
}
