package dev.souk.audit;

import dev.souk.audit.log.ChainHash;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Map;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Someone with access to the database changes the log behind the service's back: verify names where. Each test starts
 * from a fresh, valid log of 12 entries (checkpoints at 5 and 10).
 */
@SoukServiceTest
@TestPropertySource(properties = {"souk.audit.checkpoint-every=5",
        "souk.audit.signing-key-file=target/test-keys/tamper-tests.pem"})
class AuditTamperTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void aValidLogOfTwelveEntries() throws Exception {
        AuditFixtures.recordOrders(mvc, 12);
        mvc.perform(get("/api/audit/verify").with(admin())).andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.checked").value(12));
    }

    @AfterEach
    void emptyLog() {
        jdbc.update("delete from audit_checkpoint");
        jdbc.update("delete from audit_entry");
        jdbc.update("update audit_chain_head set sequence = 0, hash = ? where id = 1", ChainHash.GENESIS);
    }

    @Test
    void anEditedFieldIsNamed() throws Exception {
        // when someone changes who did entry 7
        jdbc.update("update audit_entry set actor_id = 'someone-else' where sequence = 7");

        // then verify names entry 7
        mvc.perform(get("/api/audit/verify").with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(false))
                .andExpect(jsonPath("$.firstBrokenSequence").value(7))
                .andExpect(jsonPath("$.checked").value(6))
                .andExpect(jsonPath("$.problem").value("entry 7 was changed (its hash does not match its content)"));
    }

    @Test
    void anEditWithItsHashRecomputedBreaksTheNextLink() throws Exception {
        jdbc.update("update audit_entry set after_state = '{}' where sequence = 3");
        rehash(3);

        mvc.perform(get("/api/audit/verify").with(admin()))
                .andExpect(jsonPath("$.ok").value(false))
                .andExpect(jsonPath("$.firstBrokenSequence").value(4));
    }

    @Test
    void aChainRewrittenFromAnEditOnIsCaughtByTheNextSignedCheckpoint() throws Exception {
        jdbc.update("update audit_entry set after_state = '{}' where sequence = 3");
        for (long sequence = 3; sequence <= 12; sequence++) {
            rehash(sequence);
        }

        mvc.perform(get("/api/audit/verify").with(admin()))
                .andExpect(jsonPath("$.ok").value(false))
                .andExpect(jsonPath("$.firstBrokenSequence").value(5));
    }

    @Test
    void aRemovedEntryIsNamed() throws Exception {
        jdbc.update("delete from audit_entry where sequence = 8");

        mvc.perform(get("/api/audit/verify").with(admin()))
                .andExpect(jsonPath("$.ok").value(false))
                .andExpect(jsonPath("$.firstBrokenSequence").value(8))
                .andExpect(jsonPath("$.problem").value("entry 8 is missing"));
    }

    @Test
    void entriesCutOffTheEndAreNamedUpToTheLastCheckpoint() throws Exception {
        jdbc.update("delete from audit_entry where sequence >= 7");

        mvc.perform(get("/api/audit/verify").with(admin()))
                .andExpect(jsonPath("$.ok").value(false))
                .andExpect(jsonPath("$.firstBrokenSequence").value(7));
    }

    @Test
    void aForgedCheckpointIsNamed() throws Exception {
        jdbc.update("update audit_checkpoint set signature = ? where sequence = 10",
                java.util.Base64.getEncoder().encodeToString(new byte[64]));

        mvc.perform(get("/api/audit/verify").with(admin()))
                .andExpect(jsonPath("$.ok").value(false))
                .andExpect(jsonPath("$.firstBrokenSequence").value(10))
                .andExpect(jsonPath("$.problem").value("checkpoint 10 has no valid signature"));
    }

    /** What a careful forger does: makes the entry's hash fit its content and its predecessor again. */
    private void rehash(long sequence) {
        String prev = jdbc.queryForObject("select hash from audit_entry where sequence = ?", String.class, sequence - 1);
        jdbc.update("update audit_entry set prev_hash = ? where sequence = ?", prev, sequence);
        List<Map<String, Object>> rows = jdbc.queryForList("select sequence from audit_entry where sequence = ?", sequence);
        if (rows.isEmpty()) {
            return;
        }
        var entry = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<dev.souk.audit.log.AuditEntry>) c ->
                dev.souk.audit.log.AuditRows.entries(c, sequence, sequence).next());
        jdbc.update("update audit_entry set hash = ? where sequence = ?", ChainHash.of(entry), sequence);
    }
}
