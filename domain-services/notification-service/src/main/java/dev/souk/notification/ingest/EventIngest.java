package dev.souk.notification.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.souk.notification.mail.ContactBook;
import dev.souk.notification.notification.NotificationDraft;
import dev.souk.notification.notification.NotificationKind;
import dev.souk.notification.notification.NotificationService;
import dev.souk.notification.reminder.PaymentReminders;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * Applies each event once per event id: records the id, keeps contacts and payment reminders current and makes the
 * event's notification, all in one transaction, so a redelivered or replayed event changes nothing.
 */
@Service
public class EventIngest {

    public enum Outcome { APPLIED, DUPLICATE, IGNORED }

    private final JdbcTemplate jdbc;
    private final NotificationService notifications;
    private final ContactBook contacts;
    private final PaymentReminders reminders;
    private final TransactionTemplate transaction;
    private final Clock clock;

    EventIngest(JdbcTemplate jdbc, NotificationService notifications, ContactBook contacts, PaymentReminders reminders,
                TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.contacts = contacts;
        this.reminders = reminders;
        this.transaction = transaction;
        this.clock = clock;
    }

    public Outcome apply(IncomingEvent event) {
        if (!EventTranslator.TYPES.contains(event.type())) {
            return Outcome.IGNORED;
        }
        // a bad event fails before anything is written
        var draft = EventTranslator.translate(event);
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(tx -> {
                    jdbc.update("insert into processed_event (event_id, event_type, processed_at) values (?, ?, ?)",
                            event.eventId(), event.type(), Timestamp.from(clock.instant()));
                    sideEffects(event);
                    draft.filter(this::notToldYet).ifPresent(notifications::deliver);
                    return Outcome.APPLIED;
                });
            } catch (DataIntegrityViolationException seenOrRaced) {
                // the event id is taken (a duplicate), or a concurrent event of the same customer created a row first
                if (seen(event.eventId())) {
                    return Outcome.DUPLICATE;
                }
                if (attempt == 3) {
                    throw seenOrRaced;
                }
            }
        }
    }

    private void sideEffects(IncomingEvent event) {
        JsonNode p = event.payload();
        Instant at = event.occurredAt() == null ? clock.instant() : event.occurredAt();
        switch (event.type()) {
            case "UserRegistered", "UserUpdated" -> {
                String email = p.path("email").asText("");
                if (!email.isBlank()) {
                    contacts.remember(p.path("userId").asText(), email, p.path("fullName").asText(null), at);
                }
            }
            case "OrderCreated" -> reminders.orderPlaced(p.path("orderId").asText(), p.path("userId").asText(), at);
            case "OrderConfirmed", "OrderCancelled" -> reminders.orderSettled(p.path("orderId").asText(), p.path("userId").asText());
            default -> {
            }
        }
    }

    /**
     * A customer is welcomed once: auth-service (the account) and user-service (the profile) each announce a
     * registration with an event of its own. Events of one customer arrive in order (keyed by user id), one at a time.
     */
    private boolean notToldYet(NotificationDraft draft) {
        if (draft.kind() != NotificationKind.WELCOME) {
            return true;
        }
        Integer welcomes = jdbc.queryForObject("select count(*) from notification where user_id = ? and kind = ?",
                Integer.class, draft.userId(), NotificationKind.WELCOME.name());
        return welcomes == null || welcomes == 0;
    }

    private boolean seen(String eventId) {
        Integer count = jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class, eventId);
        return count != null && count > 0;
    }
}
