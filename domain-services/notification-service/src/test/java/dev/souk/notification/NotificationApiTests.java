package dev.souk.notification;

import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.notification.reminder.PaymentReminders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static dev.souk.notification.Events.cancelled;
import static dev.souk.notification.Events.event;
import static dev.souk.notification.Events.newId;
import static dev.souk.notification.Events.orderConfirmed;
import static dev.souk.notification.Events.orderCreated;
import static dev.souk.notification.Events.registered;
import static dev.souk.notification.Events.shipment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasKey;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SoukServiceTest
@TestPropertySource(properties = "souk.notifications.mail.smtp-url=")
class NotificationApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PaymentReminders reminders;

    @Test
    void everyOrderStepBecomesOneNotificationForItsCustomer() throws Exception {
        // given a customer's order going through its life
        String user = newId("user");
        String order = newId("ord");
        for (String event : List.of(registered(user, user + "@example.com", "Amal"), orderCreated(order, user),
                orderConfirmed(order, user), shipment(order, user, "PICKED_UP"), shipment(order, user, "IN_TRANSIT"),
                shipment(order, user, "DELIVERED"))) {
            ingest(event).andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("APPLIED"));
        }
        // a shipment step the customer does not care about is acknowledged without a notification
        ingest(shipment(order, user, "CANCELLED")).andExpect(jsonPath("$.outcome").value("APPLIED"));
        ingest(event("PaymentCompleted", "{\"paymentId\":\"p\",\"orderId\":\"" + order + "\",\"userId\":\"" + user + "\"}"))
                .andExpect(jsonPath("$.outcome").value("IGNORED"));

        // then they see one notification per step, newest first, numbered in order
        mvc.perform(get("/api/notifications").with(customer(user)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(6))
                .andExpect(jsonPath("$.content[*].kind", contains("ORDER_DELIVERED", "ORDER_IN_TRANSIT", "ORDER_SHIPPED",
                        "ORDER_CONFIRMED", "ORDER_PLACED", "WELCOME")))
                .andExpect(jsonPath("$.content[*].streamSeq", contains(6, 5, 4, 3, 2, 1)))
                .andExpect(jsonPath("$.content[3].title").value("Order " + order + " confirmed"))
                .andExpect(jsonPath("$.content[3].orderId").value(order))
                .andExpect(jsonPath("$.content[3].body").value(org.hamcrest.Matchers.containsString("42.50 EUR")))
                .andExpect(jsonPath("$.content[5].title").value("Welcome to Souk, Amal"));
        unread(user).andExpect(jsonPath("$.unread").value(6));
    }

    @Test
    void aRedeliveredOrReplayedEventNotifiesOnce() throws Exception {
        String user = newId("user");
        String order = newId("ord");
        String eventId = UUID.randomUUID().toString();
        String confirmed = orderConfirmed(order, user).replaceFirst("\"eventId\":\"[^\"]+\"", "\"eventId\":\"" + eventId + "\"");

        ingest(confirmed).andExpect(jsonPath("$.outcome").value("APPLIED"));
        ingest(confirmed).andExpect(jsonPath("$.outcome").value("DUPLICATE"));
        ingest(confirmed).andExpect(jsonPath("$.outcome").value("DUPLICATE"));

        unread(user).andExpect(jsonPath("$.unread").value(1));
    }

    @Test
    void aCustomerIsWelcomedOnceThoughTheAccountAndTheProfileEachAnnounceTheRegistration() throws Exception {
        String user = newId("user");

        // the account's UserRegistered (auth-service) and the profile's (user-service): two events, one registration
        ingest(registered(user, user + "@example.com", "Amal")).andExpect(jsonPath("$.outcome").value("APPLIED"));
        ingest(registered(user, user + "@example.com", "Amal")).andExpect(jsonPath("$.outcome").value("APPLIED"));

        mvc.perform(get("/api/notifications").with(customer(user))).andExpect(status().isOk())
                .andExpect(jsonPath("$.content[?(@.kind == 'WELCOME')]", org.hamcrest.Matchers.hasSize(1)));
    }

    @Test
    void cancellationsRefundsAndDeclinesAreToldApart() throws Exception {
        String user = newId("user");
        String paid = newId("ord");
        String unpaid = newId("ord");
        ingest(cancelled(paid, user, "CONFIRMED", "customer request")).andExpect(status().isOk());
        ingest(cancelled(unpaid, user, "PENDING", "payment window expired")).andExpect(status().isOk());
        ingest(event("PaymentRefunded", "{\"paymentId\":\"p\",\"orderId\":\"" + paid + "\",\"userId\":\"" + user
                + "\",\"amount\":10.00,\"currency\":\"EUR\",\"status\":\"REFUNDED\"}")).andExpect(status().isOk());
        ingest(event("PaymentDeclined", "{\"paymentId\":\"p2\",\"orderId\":\"" + unpaid + "\",\"userId\":\"" + user
                + "\",\"amount\":10.00,\"currency\":\"EUR\",\"reason\":\"card declined\"}")).andExpect(status().isOk());

        mvc.perform(get("/api/notifications").with(customer(user)))
                .andExpect(jsonPath("$.content[*].kind", contains("PAYMENT_DECLINED", "PAYMENT_REFUNDED",
                        "PAYMENT_WINDOW_EXPIRED", "ORDER_CANCELLED")))
                .andExpect(jsonPath("$.content[3].body").value(org.hamcrest.Matchers.containsString("will be refunded")));
    }

    @Test
    void aCustomerHearsBeforeThePaymentWindowClosesUnlessTheyPaid() throws Exception {
        // given two orders placed long enough ago for their reminders to be due, one of them paid meanwhile
        String user = newId("user");
        String waiting = newId("ord");
        String paid = newId("ord");
        ingest(orderCreated(waiting, user)).andExpect(status().isOk());
        ingest(orderCreated(paid, user)).andExpect(status().isOk());
        ingest(orderConfirmed(paid, user)).andExpect(status().isOk());
        jdbc.update("update payment_reminder set due_at = ? where order_id in (?, ?)", Timestamp.from(Instant.now().minusSeconds(1)), waiting, paid);

        // when the reminders run, twice
        reminders.sendDue();
        reminders.sendDue();

        // then only the unpaid order is reminded of, once
        mvc.perform(get("/api/notifications").param("unread", "true").with(customer(user)))
                .andExpect(jsonPath("$.content[?(@.kind == 'PAYMENT_WINDOW_CLOSING')].orderId", contains(waiting)));
    }

    @Test
    void notificationsAreMarkedReadOneByOneOrAllAtOnce() throws Exception {
        String user = newId("user");
        String order = newId("ord");
        ingest(orderCreated(order, user)).andExpect(status().isOk());
        ingest(orderConfirmed(order, user)).andExpect(status().isOk());
        String first = jdbc.queryForObject("select id from notification where user_id = ? and stream_seq = 1", String.class, user);

        mvc.perform(put("/api/notifications/{id}/read", first).with(customer(user)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.read").value(true));
        mvc.perform(put("/api/notifications/{id}/read", first).with(customer(user))).andExpect(status().isOk());
        unread(user).andExpect(jsonPath("$.unread").value(1));
        mvc.perform(get("/api/notifications").param("unread", "true").with(customer(user)))
                .andExpect(jsonPath("$.content[*].kind", contains("ORDER_CONFIRMED")));

        mvc.perform(put("/api/notifications/read-all").with(customer(user)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.marked").value(1));
        unread(user).andExpect(jsonPath("$.unread").value(0));
        mvc.perform(put("/api/notifications/{id}/read", "ntf-unknown").with(customer(user)))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("NOTIFICATION_NOT_FOUND"));
    }

    @Test
    void preferencesDecideWhatIsShownAndMailed() throws Exception {
        String user = newId("user");
        mvc.perform(get("/api/notifications/preferences").with(customer(user)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.preferences[?(@.kind == 'ORDER_CONFIRMED')].email", contains(true)))
                .andExpect(jsonPath("$.preferences[?(@.kind == 'ORDER_PLACED')].email", contains(false)))
                .andExpect(jsonPath("$.preferences.length()").value(11));

        mvc.perform(put("/api/notifications/preferences").with(customer(user)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"preferences\":[{\"kind\":\"ORDER_PLACED\",\"inApp\":false,\"email\":false},"
                                + "{\"kind\":\"ORDER_CONFIRMED\",\"inApp\":true,\"email\":false}]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.preferences[?(@.kind == 'ORDER_PLACED')].inApp", contains(false)));

        String order = newId("ord");
        ingest(orderCreated(order, user)).andExpect(status().isOk());
        ingest(orderConfirmed(order, user)).andExpect(status().isOk());
        mvc.perform(get("/api/notifications").with(customer(user)))
                .andExpect(jsonPath("$.content[*].kind", contains("ORDER_CONFIRMED")));
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where user_id = ?", Integer.class, user)).isZero();
    }

    @Test
    void confirmationShipmentCancellationAndRefundAreQueuedForMailByDefault() throws Exception {
        String user = newId("user");
        String order = newId("ord");
        for (String event : List.of(orderCreated(order, user), orderConfirmed(order, user), shipment(order, user, "PICKED_UP"),
                shipment(order, user, "DELIVERED"), cancelled(order, user, "CONFIRMED", "changed my mind"))) {
            ingest(event).andExpect(status().isOk());
        }
        assertThat(jdbc.queryForList("select kind from mail_outbox where user_id = ? order by created_at, kind", String.class, user))
                .containsExactlyInAnyOrder("ORDER_CONFIRMED", "ORDER_SHIPPED", "ORDER_CANCELLED");
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() throws Exception {
        String user = newId("user");
        ingest(orderCreated(newId("ord"), user)).andExpect(status().isOk());
        String id = jdbc.queryForObject("select id from notification where user_id = ?", String.class, user);
        Map<String, Object> before = counts();

        expectInvalid(ingest("{\"eventId\":\"nope\",\"type\":\"OrderCreated\",\"payload\":{}}"));
        expectInvalid(ingest(event("OrderConfirmed", "{\"orderId\":\"bad id!\",\"userId\":\"u-1\",\"total\":1}")));
        expectInvalid(ingest(event("OrderConfirmed", "{\"orderId\":\"o-1\",\"total\":1}")));
        expectInvalid(ingest(event("ShipmentStatusChanged", "{\"orderId\":\"o-1\",\"userId\":\"u-1\"}")));
        expectInvalid(ingest("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"OrderCreated\"}"));
        mvc.perform(post("/api/notifications/internal/events").contentType(MediaType.APPLICATION_JSON).content("{oops"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        expectInvalid(mvc.perform(get("/api/notifications").param("size", "0").with(customer(user))));
        expectInvalid(mvc.perform(get("/api/notifications").param("userId", "bad id!").with(admin())));
        expectInvalid(mvc.perform(put("/api/notifications/{id}/read", "bad id!").with(customer(user))));
        expectInvalid(mvc.perform(put("/api/notifications/preferences").with(customer(user)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"preferences\":[]}")));
        expectInvalid(mvc.perform(put("/api/notifications/preferences").with(customer(user)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"preferences\":[{\"kind\":\"ORDER_PLACED\",\"inApp\":true}]}")));
        mvc.perform(put("/api/notifications/preferences").with(customer(user)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"preferences\":[{\"kind\":\"NO_SUCH_KIND\",\"inApp\":true,\"email\":true}]}"))
                .andExpect(status().isBadRequest());
        expectInvalid(mvc.perform(get("/api/notifications/stream").header("Last-Event-ID", "yesterday").with(customer(user))));
        expectInvalid(mvc.perform(get("/api/notifications/stream").param("lastEventId", "-1").with(customer(user))));

        assertThat(counts()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select read_at from notification where id = ?", Timestamp.class, id)).isNull();
    }

    @Test
    void theApiIsDocumentedUnderItsBasePath() throws Exception {
        mvc.perform(get("/api/notifications/v3/api-docs").with(anonymous()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.title").value("Souk notification-service"))
                .andExpect(jsonPath("$.paths").value(hasKey("/api/notifications")))
                .andExpect(jsonPath("$.paths").value(hasKey("/api/notifications/stream")))
                .andExpect(jsonPath("$.paths").value(hasKey("/api/notifications/preferences")));
        mvc.perform(get("/api/notifications/swagger-ui/index.html").with(anonymous())).andExpect(status().isOk());
    }

    private ResultActions ingest(String event) throws Exception {
        return mvc.perform(post("/api/notifications/internal/events").contentType(MediaType.APPLICATION_JSON).content(event));
    }

    private ResultActions unread(String user) throws Exception {
        return mvc.perform(get("/api/notifications/unread-count").with(customer(user))).andExpect(status().isOk());
    }

    private static void expectInvalid(ResultActions call) throws Exception {
        call.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    private Map<String, Object> counts() {
        return jdbc.queryForMap("select (select count(*) from notification) n, (select count(*) from processed_event) e, "
                + "(select count(*) from notification_preference) p, (select count(*) from mail_outbox) m, "
                + "(select count(*) from notification where read_at is not null) r");
    }
}
