package dev.souk.audit;

import dev.souk.kit.testing.PostgresTestDatabase;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * The PostgreSQL profile on the real server: the schema is the owner's (Flyway), the service runs as
 * souk_audit_writer, which may read and add to the log but not change or remove it; the owner still can, and verify
 * names the row.
 */
@SoukServiceTest
@ActiveProfiles("postgres")
class AuditPostgresTests {

    private static final String DATABASE = "souk_audit_test";
    private static String url;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", AuditPostgresTests::url);
        registry.add("spring.datasource.username", () -> "souk_audit_writer");
        registry.add("spring.flyway.user", () -> PostgresTestDatabase.USER);
        registry.add("souk.audit.checkpoint-every", () -> "5");
        registry.add("souk.audit.signing-key-file", () -> "target/test-keys/postgres-tests.pem");
    }

    /** One fresh database for the class, the same for the service's pool and for Flyway. */
    private static synchronized String url() {
        if (url == null) {
            url = PostgresTestDatabase.recreate(DATABASE);
        }
        return url;
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theServicesRoleAppendsAndReadsButCannotChangeOrRemove() throws Exception {
        AuditFixtures.recordOrders(mvc, 7);
        mvc.perform(get("/api/audit/verify").with(admin())).andExpect(jsonPath("$.ok").value(true));

        assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo("souk_audit_writer");
        assertThatThrownBy(() -> jdbc.update("update audit_entry set actor_id = 'x' where sequence = 2"))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update("delete from audit_entry where sequence = 2"))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update("truncate audit_entry")).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update("update audit_checkpoint set signature = 'x'"))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update("delete from audit_checkpoint")).rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void anEditByTheOwnerIsNamedByVerify() throws Exception {
        AuditFixtures.recordOrders(mvc, 6);
        long edited = jdbc.queryForObject("select max(sequence) from audit_entry", Long.class) - 2;

        asOwner("update audit_entry set after_state = '{\"total\":0}' where sequence = " + edited);

        mvc.perform(get("/api/audit/verify").with(admin()))
                .andExpect(jsonPath("$.ok").value(false))
                .andExpect(jsonPath("$.firstBrokenSequence").value(edited));
        asOwner("delete from audit_checkpoint; delete from audit_entry; "
                + "update audit_chain_head set sequence = 0, hash = '" + "0".repeat(64) + "'");
    }

    private static void asOwner(String sql) throws SQLException {
        try (Connection owner = DriverManager.getConnection(url(), PostgresTestDatabase.USER, "");
             Statement statement = owner.createStatement()) {
            statement.execute(sql);
        }
    }
}
