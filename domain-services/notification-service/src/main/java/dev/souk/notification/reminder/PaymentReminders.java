package dev.souk.notification.reminder;

import dev.souk.notification.notification.NotificationDraft;
import dev.souk.notification.notification.NotificationKind;
import dev.souk.notification.notification.NotificationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Tells a customer that their order still waits for payment shortly before the payment window closes. The window is
 * the order process's ({@code SOUK_PAYMENT_WINDOW}, the same setting the hub reads); a reminder is set when the order
 * is placed and settled when it is confirmed or cancelled, whichever event comes first. Any instance may send a due
 * reminder; claiming it is one conditional update, so it is sent once.
 */
@Component
public class PaymentReminders {

    private static final Logger log = LoggerFactory.getLogger(PaymentReminders.class);

    private final JdbcTemplate jdbc;
    private final NotificationService notifications;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration window;
    private final Duration lead;

    PaymentReminders(JdbcTemplate jdbc, NotificationService notifications, TransactionTemplate transaction, Clock clock,
                     @Value("${souk.notifications.payment-window:PT15M}") Duration window,
                     @Value("${souk.notifications.payment-reminder-lead:PT5M}") Duration lead) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.transaction = transaction;
        this.clock = clock;
        this.window = window;
        this.lead = lead;
    }

    /** In the caller's transaction: the order was placed at {@code placedAt}. */
    public void orderPlaced(String orderId, String userId, Instant placedAt) {
        Instant due = placedAt.plus(window).minus(lead.compareTo(window) < 0 ? lead : window.dividedBy(2));
        jdbc.update("insert into payment_reminder (order_id, user_id, due_at, status) select ?, ?, ?, 'WAITING' "
                + "where not exists (select 1 from payment_reminder where order_id = ?)", orderId, userId, Timestamp.from(due), orderId);
    }

    /** In the caller's transaction: the order was paid or cancelled, so no reminder is due (also if it comes first). */
    public void orderSettled(String orderId, String userId) {
        int settled = jdbc.update("update payment_reminder set status = 'SETTLED' where order_id = ? and status = 'WAITING'", orderId);
        if (settled == 0) {
            jdbc.update("insert into payment_reminder (order_id, user_id, due_at, status) select ?, ?, ?, 'SETTLED' "
                    + "where not exists (select 1 from payment_reminder where order_id = ?)",
                    orderId, userId, Timestamp.from(clock.instant()), orderId);
        }
    }

    @Scheduled(fixedDelayString = "${souk.notifications.reminder-poll-interval:PT5S}")
    public void sendDue() {
        try {
            List<Map<String, Object>> due = jdbc.queryForList("select order_id, user_id, due_at from payment_reminder "
                    + "where status = 'WAITING' and due_at <= ? order by due_at fetch first 100 rows only", Timestamp.from(clock.instant()));
            for (Map<String, Object> reminder : due) {
                send((String) reminder.get("order_id"), (String) reminder.get("user_id"));
            }
        } catch (RuntimeException e) {
            log.warn("Payment reminders could not be sent now: {}", e.toString());
        }
    }

    private void send(String orderId, String userId) {
        transaction.executeWithoutResult(tx -> {
            if (jdbc.update("update payment_reminder set status = 'SENT' where order_id = ? and status = 'WAITING'", orderId) == 0) {
                return;
            }
            long minutes = Math.max(1, (lead.compareTo(window) < 0 ? lead : window).toMinutes());
            notifications.deliver(new NotificationDraft("payment-reminder:" + orderId, userId,
                    NotificationKind.PAYMENT_WINDOW_CLOSING, "Order " + orderId + " is waiting for payment",
                    "Pay within about " + minutes + " minute" + (minutes == 1 ? "" : "s")
                            + " or the order is cancelled and its items released.", orderId, Map.of("orderId", orderId)));
        });
    }
}
