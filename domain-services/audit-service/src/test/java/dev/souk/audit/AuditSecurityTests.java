package dev.souk.audit;

import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static dev.souk.audit.AuditFixtures.newId;
import static dev.souk.audit.AuditFixtures.orderConfirmed;
import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Reading is the administrator's; writing is the platform's; changing or removing is nobody's. */
@SoukServiceTest
@TestPropertySource(properties = {"souk.audit.checkpoint-every=5",
        "souk.audit.signing-key-file=target/test-keys/api-tests.pem"})
class AuditSecurityTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void customersMayReadNothing() throws Exception {
        for (String path : new String[]{"/api/audit", "/api/audit/verify", "/api/audit/export", "/api/audit/signing-key",
                "/api/audit/entries/1"}) {
            mvc.perform(get(path).with(customer("user-123")))
                    .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("FORBIDDEN"));
            mvc.perform(get(path).with(anonymous()))
                    .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        }
    }

    @Test
    void onlyThePlatformRecords() throws Exception {
        String forged = orderConfirmed(UUID.randomUUID().toString(), newId("ord"), "user-123");
        mvc.perform(post("/api/audit/internal/events").with(customer("user-123"))
                .contentType(MediaType.APPLICATION_JSON).content(forged)).andExpect(status().isForbidden());
        mvc.perform(post("/api/audit/internal/events").with(admin())
                .contentType(MediaType.APPLICATION_JSON).content(forged)).andExpect(status().isForbidden());
        mvc.perform(post("/api/audit/internal/events").with(anonymous())
                .contentType(MediaType.APPLICATION_JSON).content(forged)).andExpect(status().isUnauthorized());
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where source = 'order-confirmed' and actor_id = 'user-123'",
                Integer.class)).isZero();
    }

    @Test
    void thereIsNoWayToChangeOrRemoveAnEntry() throws Exception {
        AuditFixtures.recordOrders(mvc, 1);
        long last = jdbc.queryForObject("select max(sequence) from audit_entry", Long.class);

        mvc.perform(delete("/api/audit/entries/{s}", last).with(admin())).andExpect(status().isMethodNotAllowed());
        mvc.perform(put("/api/audit/entries/{s}", last).with(admin()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isMethodNotAllowed());
        mvc.perform(patch("/api/audit/entries/{s}", last).with(admin()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isMethodNotAllowed());
        mvc.perform(delete("/api/audit").with(admin())).andExpect(status().isMethodNotAllowed());
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where sequence = ?", Integer.class, last)).isEqualTo(1);
    }
}
