package dev.souk.notification.mail;

import dev.souk.notification.mail.MailConfiguration.MailChannel;
import dev.souk.notification.mail.MailTemplates.RenderedMail;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends the queued mails over SMTP, at least once each: a mail is claimed by moving its next attempt into the future
 * (so no other instance takes it meanwhile), sent, and marked SENT; a failure is retried with a growing wait, up to
 * {@code max-attempts}. A customer whose address is not known yet (their registration event is still on its way) is
 * written to once it is.
 */
@Component
public class MailSender {

    private static final Logger log = LoggerFactory.getLogger(MailSender.class);
    private static final Duration CLAIM = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final MailChannel channel;
    private final MailTemplates templates;
    private final ContactBook contacts;
    private final Clock clock;
    private final String from;
    private final String shopUrl;
    private final int maxAttempts;
    private volatile boolean warnedDisabled;

    MailSender(JdbcTemplate jdbc, MailChannel channel, MailTemplates templates, ContactBook contacts, Clock clock,
               @Value("${souk.notifications.mail.from:Souk <no-reply@souk.dev>}") String from,
               @Value("${souk.notifications.mail.shop-url:http://localhost:8080}") String shopUrl,
               @Value("${souk.notifications.mail.max-attempts:10}") int maxAttempts) {
        this.jdbc = jdbc;
        this.channel = channel;
        this.templates = templates;
        this.contacts = contacts;
        this.clock = clock;
        this.from = from;
        this.shopUrl = shopUrl;
        this.maxAttempts = maxAttempts;
    }

    @Scheduled(fixedDelayString = "${souk.notifications.mail.poll-interval:PT1S}")
    public void sendDue() {
        if (!channel.enabled()) {
            if (!warnedDisabled) {
                warnedDisabled = true;
                log.warn("No SMTP server is configured (SOUK_SMTP_URL): mails wait in the outbox until one is");
            }
            return;
        }
        try {
            Instant now = clock.instant();
            List<String> due = jdbc.queryForList("select id from mail_outbox where status in ('PENDING', 'SENDING') "
                    + "and next_attempt_at <= ? order by next_attempt_at fetch first 20 rows only", String.class, Timestamp.from(now));
            for (String id : due) {
                if (claim(id, now)) {
                    send(id);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Mails could not be sent now: {}", e.toString());
        }
    }

    private boolean claim(String id, Instant now) {
        return jdbc.update("update mail_outbox set status = 'SENDING', next_attempt_at = ? where id = ? "
                + "and status in ('PENDING', 'SENDING') and next_attempt_at <= ?", Timestamp.from(now.plus(CLAIM)), id, Timestamp.from(now)) == 1;
    }

    private void send(String id) {
        Map<String, Object> mail = jdbc.queryForMap("select m.user_id, m.kind, m.attempts, n.title, n.body, n.order_id, n.data "
                + "from mail_outbox m join notification n on n.id = m.notification_id where m.id = ?", id);
        String userId = (String) mail.get("user_id");
        int attempts = ((Number) mail.get("attempts")).intValue();
        var contact = contacts.of(userId);
        if (contact.isEmpty()) {
            retryLater(id, attempts, "no address known yet for " + userId, Duration.ofSeconds(30), false);
            return;
        }
        try {
            RenderedMail rendered = render(mail, contact.get());
            MimeMessage message = channel.sender().createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(contact.get().email());
            helper.setSubject(rendered.subject());
            helper.setText(rendered.text(), rendered.html());
            channel.sender().send(message);
            jdbc.update("update mail_outbox set status = 'SENT', attempts = attempts + 1, sent_at = ?, sent_to = ?, last_error = null "
                    + "where id = ?", Timestamp.from(clock.instant()), contact.get().email(), id);
        } catch (Exception e) {
            retryLater(id, attempts, e.toString(), Duration.ofSeconds(Math.min(600, 1L << Math.min(attempts + 1, 10))), true);
        }
    }

    private RenderedMail render(Map<String, Object> mail, ContactBook.Contact contact) {
        Map<String, String> values = new HashMap<>();
        values.put("name", contact.fullName() == null || contact.fullName().isBlank() ? "there" : contact.fullName());
        values.put("title", (String) mail.get("title"));
        values.put("body", (String) mail.get("body"));
        String orderId = (String) mail.get("order_id");
        values.put("orderId", orderId == null ? "" : orderId);
        values.put("orderUrl", orderId == null ? shopUrl : shopUrl + "/api/orders/" + orderId);
        values.put("shopUrl", shopUrl);
        String kind = ((String) mail.get("kind")).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return templates.render(templates.exists(kind) ? kind : "notification", (String) mail.get("title"), values);
    }

    private void retryLater(String id, int attempts, String error, Duration wait, boolean counts) {
        int next = counts ? attempts + 1 : attempts;
        boolean giveUp = next >= maxAttempts;
        if (giveUp) {
            log.warn("Mail {} failed {} times and is given up: {}", id, next, error);
        }
        jdbc.update("update mail_outbox set status = ?, attempts = ?, next_attempt_at = ?, last_error = ? where id = ?",
                giveUp ? "FAILED" : "PENDING", next, Timestamp.from(clock.instant().plus(wait)),
                error.length() > 1000 ? error.substring(0, 1000) : error, id);
    }
}
