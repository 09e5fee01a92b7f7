package dev.souk.notification.notification;

import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Makes, lists and marks notifications. A draft becomes a notification once per source and customer, numbered in the
 * customer's stream, shown in the app and mailed as the customer's preferences say; live streams learn of it after
 * the transaction commits.
 */
@Service
public class NotificationService {

    private final NotificationStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NotificationService(NotificationStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Makes the notification of {@code draft} in the caller's transaction, unless its source already notified this
     * customer. Answers whether one was made.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean deliver(NotificationDraft draft) {
        if (store.exists(draft.sourceId(), draft.userId())) {
            return false;
        }
        Preference preference = preferences(draft.userId()).get(draft.kind());
        store.ensureStream(draft.userId());
        Instant now = clock.instant();
        Notification notification = new Notification("ntf-" + UUID.randomUUID(), draft.userId(),
                store.nextStreamSeq(draft.userId()), draft.kind(), draft.title(), draft.body(), draft.orderId(),
                draft.data(), preference.inApp(), null, now);
        store.insert(notification, draft.sourceId());
        if (preference.email()) {
            store.queueMail(notification, now);
        }
        events.publishEvent(new NotificationCreated(draft.userId()));
        return true;
    }

    @Transactional(readOnly = true)
    public Page<Notification> list(String userId, boolean unreadOnly, Pageable pageable) {
        long total = store.count(userId, unreadOnly);
        List<Notification> content = total <= pageable.getOffset()
                ? List.of()
                : store.page(userId, unreadOnly, pageable.getOffset(), pageable.getPageSize());
        return new PageImpl<>(content, pageable, total);
    }

    @Transactional(readOnly = true)
    public long unreadCount(String userId) {
        return store.count(userId, true);
    }

    @Transactional(readOnly = true)
    public Notification get(String id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    /** Marks it read; marking a read one again changes nothing. */
    @Transactional
    public Notification markRead(String id) {
        store.markRead(get(id).id(), clock.instant());
        return get(id);
    }

    @Transactional
    public int markAllRead(String userId) {
        return store.markAllRead(userId, clock.instant());
    }

    /** What a live stream still has to send the customer after {@code afterSeq}, oldest first; in-app ones only. */
    @Transactional(readOnly = true)
    public List<Notification> after(String userId, long afterSeq, int limit) {
        return store.after(userId, afterSeq, limit);
    }

    @Transactional(readOnly = true)
    public long lastStreamSeq(String userId) {
        return store.lastStreamSeq(userId);
    }

    /** Every kind, with the customer's choice or the kind's default. */
    @Transactional(readOnly = true)
    public Map<NotificationKind, Preference> preferences(String userId) {
        Map<NotificationKind, Preference> all = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationKind.values()) {
            all.put(kind, Preference.defaultOf(kind));
        }
        store.preferences(userId).forEach(p -> all.put(p.kind(), p));
        return all;
    }

    @Transactional
    public Map<NotificationKind, Preference> savePreferences(String userId, List<Preference> changes) {
        Instant now = clock.instant();
        changes.forEach(change -> store.savePreference(userId, change, now));
        return preferences(userId);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound(ProblemCodes.NOTIFICATION_NOT_FOUND, "No notification with id " + id + ".");
    }
}
