package dev.souk.audit;

import com.zaxxer.hikari.HikariDataSource;
import dev.souk.audit.verify.OfflineVerifier;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The offline verifier checks an export file or the database itself, without the service. */
@SoukServiceTest
@TestPropertySource(properties = {"souk.audit.checkpoint-every=5",
        "souk.audit.signing-key-file=target/test-keys/api-tests.pem"})
class OfflineVerifierTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    DataSource dataSource;

    @Test
    void anExportVerifiesOfflineAndAnEditInItIsNamed() throws Exception {
        // given an export of the whole log and the service's public key
        AuditFixtures.recordOrders(mvc, 11);
        Path export = Files.createDirectories(Path.of("target", "audit-exports")).resolve("whole-log.ndjson");
        Files.writeString(export, exportOf("/api/audit/export"));
        String key = publicKey();

        // when the verifier checks it, then it checks out
        Run valid = run("--export", export.toString(), "--public-key", key);
        assertThat(valid.exitCode()).isZero();
        assertThat(valid.out()).contains("\"ok\":true").contains("\"firstBrokenSequence\":null");

        // and when one line is edited, the verifier names that entry
        List<String> lines = Files.readAllLines(export);
        int edited = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"kind\":\"entry\"") && lines.get(i).contains("\"sequence\":4,")) {
                lines.set(i, lines.get(i).replace("\"actorId\":\"order-service\"", "\"actorId\":\"nobody\""));
                edited = i;
            }
        }
        assertThat(edited).isNotNegative();
        Path tampered = export.resolveSibling("tampered.ndjson");
        Files.write(tampered, lines);
        Run broken = run("--export", tampered.toString(), "--public-key", key);
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).contains("\"ok\":false").contains("\"firstBrokenSequence\":4");
    }

    @Test
    void aRangeExportVerifiesWithinItselfAndAForeignKeyIsRefused() throws Exception {
        AuditFixtures.recordOrders(mvc, 12);
        Path export = Files.createDirectories(Path.of("target", "audit-exports")).resolve("range.ndjson");
        Files.writeString(export, exportOf("/api/audit/export?fromSequence=3&toSequence=9"));

        assertThat(run("--export", export.toString(), "--public-key", publicKey()).exitCode()).isZero();
        Run foreign = run("--export", export.toString(), "--public-key",
                dev.souk.audit.log.CheckpointKeys.ephemeral().publicKey());
        assertThat(foreign.exitCode()).isEqualTo(1);
        assertThat(foreign.out()).contains("unknown key");
    }

    @Test
    void theDatabaseItselfVerifiesOffline() throws Exception {
        AuditFixtures.recordOrders(mvc, 3);
        String url = ((HikariDataSource) dataSource).getJdbcUrl();

        Run run = run("--jdbc-url", url, "--user", "sa", "--password", "", "--public-key", publicKey());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"ok\":true");
    }

    @Test
    void wrongUsageExitsWithTwo() {
        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run("--export").exitCode()).isEqualTo(2);
        assertThat(run("--export", "a", "--jdbc-url", "b").exitCode()).isEqualTo(2);
        assertThat(run("--export", "target/does-not-exist.ndjson").exitCode()).isEqualTo(2);
    }

    private String exportOf(String url) throws Exception {
        MvcResult started = mvc.perform(get(url).with(admin())).andExpect(request().asyncStarted()).andReturn();
        return mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/x-ndjson"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String publicKey() throws Exception {
        String json = mvc.perform(get("/api/audit/signing-key").with(admin())).andReturn().getResponse().getContentAsString();
        return json.replaceAll(".*\"publicKey\":\"([^\"]+)\".*", "$1");
    }

    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OfflineVerifier.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
