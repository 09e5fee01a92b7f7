package dev.souk.audit;

import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static dev.souk.audit.AuditFixtures.event;
import static dev.souk.audit.AuditFixtures.newId;
import static dev.souk.audit.AuditFixtures.orderConfirmed;
import static dev.souk.audit.AuditFixtures.record;
import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SoukServiceTest
@TestPropertySource(properties = {"souk.audit.checkpoint-every=5",
        "souk.audit.signing-key-file=target/test-keys/api-tests.pem"})
class AuditApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anEventBecomesOneChainedEntryOncePerEventId() throws Exception {
        // given an order confirmation handed over by the hub
        String eventId = UUID.randomUUID().toString();
        String order = newId("ord");

        // when it is recorded, and handed over again
        String first = record(mvc, orderConfirmed(eventId, order, "user-7"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("APPENDED"))
                .andReturn().getResponse().getContentAsString();
        long sequence = Long.parseLong(first.replaceAll(".*\"sequence\":(\\d+).*", "$1"));
        record(mvc, orderConfirmed(eventId, order, "user-7"))
                .andExpect(jsonPath("$.outcome").value("DUPLICATE"))
                .andExpect(jsonPath("$.sequence").value(sequence));

        // then the log has it once: the service's act on the order, its payload as the state after, chained
        mvc.perform(get("/api/audit").param("entityId", order).with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].sequence").value(sequence))
                .andExpect(jsonPath("$.content[0].action").value("OrderConfirmed"))
                .andExpect(jsonPath("$.content[0].actorType").value("SERVICE"))
                .andExpect(jsonPath("$.content[0].actorId").value("order-service"))
                .andExpect(jsonPath("$.content[0].entityType").value("order"))
                .andExpect(jsonPath("$.content[0].source").value("order-confirmed"))
                .andExpect(jsonPath("$.content[0].occurredAt").value("2026-11-30T10:15:30.123456Z"))
                .andExpect(jsonPath("$.content[0].after").value("{\"orderId\":\"" + order + "\",\"userId\":\"user-7\",\"total\":42.50}"))
                .andExpect(jsonPath("$.content[0].hash").value(matchesPattern("[0-9a-f]{64}")));
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where source_event_id = ?", Integer.class, eventId))
                .isEqualTo(1);
    }

    @Test
    void anAdministrativeActNamesItsActorAndItsBeforeAndAfter() throws Exception {
        String product = newId("prod");
        record(mvc, event("operations-events", UUID.randomUUID().toString(), "SchedulerJobRescheduled", "scheduler-job",
                "expire-abandoned-carts", "{\"job\":\"expire-abandoned-carts\",\"actorId\":\"admin-1\","
                        + "\"before\":{\"cron\":\"0 0 * * * ?\"},\"after\":{\"cron\":\"0 30 * * * ?\"},\"traceId\":\"abc123\"}"))
                .andExpect(status().isOk());
        record(mvc, event("security-events", UUID.randomUUID().toString(), "SignInFailed", "account", product,
                "{\"email\":\"x@example.com\",\"actorType\":\"SYSTEM\",\"actorId\":\"anonymous\"}"))
                .andExpect(status().isOk());

        mvc.perform(get("/api/audit").param("actor", "admin-1").param("action", "SchedulerJobRescheduled").with(admin()))
                .andExpect(jsonPath("$.content[0].actorType").value("USER"))
                .andExpect(jsonPath("$.content[0].before").value("{\"cron\":\"0 0 * * * ?\"}"))
                .andExpect(jsonPath("$.content[0].after").value("{\"cron\":\"0 30 * * * ?\"}"))
                .andExpect(jsonPath("$.content[0].traceId").value("abc123"));
        mvc.perform(get("/api/audit").param("entityId", product).with(admin()))
                .andExpect(jsonPath("$.content[0].actorType").value("SYSTEM"));
    }

    @Test
    void searchFiltersByTimeAndPagesNewestFirst() throws Exception {
        String user = newId("user");
        for (int i = 0; i < 3; i++) {
            record(mvc, event("user-events", UUID.randomUUID().toString(), "UserUpdated", "user", user,
                    "{\"userId\":\"" + user + "\"}")).andExpect(status().isOk());
        }

        mvc.perform(get("/api/audit").param("entityId", user).param("size", "2").with(admin()))
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.content", hasSize(2)))
                .andExpect(jsonPath("$.totalPages").value(2));
        mvc.perform(get("/api/audit").param("entityId", user).param("from", "2026-11-30T10:15:30Z")
                        .param("to", "2026-11-30T10:15:31Z").with(admin()))
                .andExpect(jsonPath("$.totalElements").value(3));
        mvc.perform(get("/api/audit").param("entityId", user).param("from", "2026-11-30T10:15:31Z").with(admin()))
                .andExpect(jsonPath("$.totalElements").value(0));
    }

    @Test
    void theChainVerifiesAndNamesItsSigningKey() throws Exception {
        AuditFixtures.recordOrders(mvc, 12);

        mvc.perform(get("/api/audit/verify").with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.firstBrokenSequence").doesNotExist())
                .andExpect(jsonPath("$.checkpoints").value(is(greaterThanOrEqual(2))));
        mvc.perform(get("/api/audit/signing-key").with(admin()))
                .andExpect(jsonPath("$.algorithm").value("Ed25519"))
                .andExpect(jsonPath("$.keyId").value(matchesPattern("[0-9a-f]{16}")));
        assertThat(jdbc.queryForObject("select count(*) from audit_checkpoint", Integer.class)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void oneEntryIsReadBySequence() throws Exception {
        AuditFixtures.recordOrders(mvc, 1);
        long last = jdbc.queryForObject("select max(sequence) from audit_entry", Long.class);

        mvc.perform(get("/api/audit/entries/{s}", last).with(admin()))
                .andExpect(jsonPath("$.sequence").value(last));
        mvc.perform(get("/api/audit/entries/{s}", last + 1000).with(admin()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void badInputIsA400Problem() throws Exception {
        mvc.perform(get("/api/audit").param("from", "yesterday").with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/audit").param("from", "2026-11-30T10:00:00Z").param("to", "2026-11-29T10:00:00Z").with(admin()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        mvc.perform(get("/api/audit").param("actor", "<script>").with(admin()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        mvc.perform(get("/api/audit").param("size", "5000").with(admin()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/audit/entries/{s}", "abc").with(admin())).andExpect(status().isBadRequest());
        mvc.perform(get("/api/audit/entries/{s}", "0").with(admin())).andExpect(status().isBadRequest());
        mvc.perform(get("/api/audit/export").param("fromSequence", "5").param("toSequence", "2").with(admin()))
                .andExpect(status().isBadRequest());

        record(mvc, "{\"topic\":\"order-confirmed\",\"event\":{\"eventId\":\"nope\",\"type\":\"OrderConfirmed\","
                + "\"aggregateType\":\"order\",\"aggregateId\":\"o-1\",\"payload\":{}}}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        record(mvc, "{\"topic\":\"Order Confirmed!\",\"event\":{\"eventId\":\"" + UUID.randomUUID()
                + "\",\"type\":\"OrderConfirmed\",\"aggregateType\":\"order\",\"aggregateId\":\"o-1\",\"payload\":{}}}")
                .andExpect(status().isBadRequest());
        record(mvc, "{\"topic\":\"order-confirmed\"}").andExpect(status().isBadRequest());
        record(mvc, "not json").andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
    }

    private static org.hamcrest.Matcher<Integer> greaterThanOrEqual(int value) {
        return org.hamcrest.Matchers.greaterThanOrEqualTo(value);
    }
}
