package dev.souk.notification;

import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.as;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static dev.souk.notification.Events.newId;
import static dev.souk.notification.Events.orderCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A customer reaches only their own notifications; staff reach anyone's; only the platform hands over events. */
@SoukServiceTest
@TestPropertySource(properties = "souk.notifications.mail.smtp-url=")
class NotificationSecurityTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void nothingIsAnsweredWithoutAValidToken() throws Exception {
        mvc.perform(get("/api/notifications").with(anonymous()))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(get("/api/notifications/unread-count").with(as(TestTokens.expired()))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/notifications/stream").with(anonymous()))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(get("/api/notifications/stream").param("ticket", "made-up").with(anonymous()))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("INVALID_STREAM_TICKET"));
        mvc.perform(post("/api/notifications/stream-tickets").with(anonymous())).andExpect(status().isUnauthorized());
    }

    @Test
    void aCustomerNeverSeesOrChangesAnotherCustomersNotifications() throws Exception {
        // given a notification of user-b
        String userA = newId("user");
        String userB = newId("user");
        ingest(orderCreated(newId("ord"), userB));
        String theirs = jdbc.queryForObject("select id from notification where user_id = ?", String.class, userB);

        mvc.perform(get("/api/notifications").with(customer(userA)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totalElements").value(0));
        mvc.perform(get("/api/notifications").param("userId", userB).with(customer(userA)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(get("/api/notifications/unread-count").param("userId", userB).with(customer(userA)))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/notifications/{id}/read", theirs).with(customer(userA)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(put("/api/notifications/read-all").param("userId", userB).with(customer(userA))).andExpect(status().isForbidden());
        mvc.perform(get("/api/notifications/preferences").param("userId", userB).with(customer(userA))).andExpect(status().isForbidden());
        mvc.perform(put("/api/notifications/preferences").param("userId", userB).with(customer(userA))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"preferences\":[{\"kind\":\"ORDER_PLACED\",\"inApp\":false,\"email\":false}]}"))
                .andExpect(status().isForbidden());

        // an X-User-Id header names nobody: the token does
        mvc.perform(get("/api/notifications").header("X-User-Id", userB).with(customer(userA)))
                .andExpect(jsonPath("$.totalElements").value(0));

        assertThat(jdbc.queryForObject("select read_at from notification where id = ?", java.sql.Timestamp.class, theirs)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from notification_preference where user_id = ?", Integer.class, userB)).isZero();

        // staff reach any customer's
        mvc.perform(get("/api/notifications").param("userId", userB).with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].id", everyItem(is(theirs))));
    }

    @Test
    void onlyThePlatformHandsOverEvents() throws Exception {
        String forged = orderCreated(newId("ord"), "victim");
        mvc.perform(post("/api/notifications/internal/events").with(customer("victim"))
                        .contentType(MediaType.APPLICATION_JSON).content(forged))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(post("/api/notifications/internal/events").with(admin())
                .contentType(MediaType.APPLICATION_JSON).content(forged)).andExpect(status().isForbidden());
        mvc.perform(post("/api/notifications/internal/events").with(anonymous())
                .contentType(MediaType.APPLICATION_JSON).content(forged)).andExpect(status().isUnauthorized());
        assertThat(jdbc.queryForObject("select count(*) from notification where user_id = 'victim'", Integer.class)).isZero();
    }

    private void ingest(String event) throws Exception {
        mvc.perform(post("/api/notifications/internal/events").contentType(MediaType.APPLICATION_JSON).content(event))
                .andExpect(status().isOk());
    }
}
