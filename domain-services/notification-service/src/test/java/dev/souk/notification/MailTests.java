package dev.souk.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.souk.kit.testing.SoukServiceTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.Arrays;

import static dev.souk.notification.Events.cancelled;
import static dev.souk.notification.Events.newId;
import static dev.souk.notification.Events.orderConfirmed;
import static dev.souk.notification.Events.orderCreated;
import static dev.souk.notification.Events.registered;
import static dev.souk.notification.Events.shipment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Confirmation, shipment and cancellation mails reach the customer's address over SMTP, rendered from templates. */
@SoukServiceTest
class MailTests {

    /** An SMTP server on a free port, up before the service starts and down after the last test. */
    static final GreenMail smtp = started();

    private static GreenMail started() {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        return server;
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("souk.notifications.mail.smtp-url", () -> "smtp://127.0.0.1:" + smtp.getSmtp().getPort());
        registry.add("souk.notifications.mail.poll-interval", () -> "PT0.2S");
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theStepsACustomerMustNotMissAreMailedToTheirAddress() throws Exception {
        // given a registered customer whose name would be markup if it were rendered as HTML
        String user = newId("user");
        String order = newId("ord");
        ingest(registered(user, user + "@example.com", "Nadia <b>Bold</b>"));

        // when their order is placed, confirmed, shipped and cancelled
        ingest(orderCreated(order, user));
        ingest(orderConfirmed(order, user));
        ingest(shipment(order, user, "PICKED_UP"));
        ingest(cancelled(order, user, "CONFIRMED", "lost in transit"));

        // then three mails arrive at their address, one per step that is mailed by default
        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessagesForDomain("example.com").length == 3);
        MimeMessage[] mails = smtp.getReceivedMessagesForDomain("example.com");
        assertThat(Arrays.stream(mails).map(MailTests::subject))
                .containsExactlyInAnyOrder("Order " + order + " confirmed", "Order " + order + " shipped", "Order " + order + " cancelled");
        String confirmation = Arrays.stream(mails).filter(m -> subject(m).endsWith("confirmed")).map(GreenMailUtil::getBody)
                .findFirst().orElseThrow();
        String html = confirmation.substring(confirmation.indexOf("Content-Type: text/html"));
        // the HTML part escapes what others wrote; the plain-text part carries it as it is
        assertThat(html).contains("42.50 EUR").contains("Hello Nadia &lt;b&gt;Bold&lt;/b&gt;,")
                .contains("being prepared for shipping").doesNotContain("<b>Bold</b>");
        assertThat(confirmation.substring(0, confirmation.indexOf("Content-Type: text/html"))).contains("Hello Nadia <b>Bold</b>,");
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo(user + "@example.com");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                jdbc.queryForObject("select count(*) from mail_outbox where user_id = ? and status = 'SENT'", Integer.class, user) == 3);
    }

    @Test
    void aMailWaitsUntilTheCustomersAddressIsKnown() throws Exception {
        // given a confirmation before the registration event arrived
        String user = newId("user");
        String order = newId("ord");
        ingest(orderConfirmed(order, user));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                smtp.getReceivedMessagesForDomain("late.example").length == 0);

        // when the address arrives
        ingest(registered(user, user + "@late.example", "Late Comer"));

        // then the mail goes out
        jdbc.update("update mail_outbox set next_attempt_at = current_timestamp where user_id = ?", user);
        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessagesForDomain("late.example").length == 1);
    }

    private void ingest(String event) throws Exception {
        mvc.perform(post("/api/notifications/internal/events").contentType(MediaType.APPLICATION_JSON).content(event))
                .andExpect(status().isOk());
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
