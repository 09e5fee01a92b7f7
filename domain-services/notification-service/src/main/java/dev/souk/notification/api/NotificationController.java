package dev.souk.notification.api;

import dev.souk.contracts.Ids;
import dev.souk.kit.security.Access;
import dev.souk.kit.web.PageResponse;
import dev.souk.notification.notification.Notification;
import dev.souk.notification.notification.NotificationKind;
import dev.souk.notification.notification.NotificationService;
import dev.souk.notification.notification.Preference;
import dev.souk.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.PageRequest;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/notifications")
@Validated
@Tag(name = "Notifications", description = "A customer's notifications about their account and orders: placed, payment "
        + "declined, payment window closing and expired, confirmed, shipped, in transit, delivered, cancelled, refunded, "
        + "and a welcome. Texts are plain text. Live: GET /api/notifications/stream (Server-Sent Events).")
public class NotificationController {

    private final NotificationService notifications;

    NotificationController(NotificationService notifications) {
        this.notifications = notifications;
    }

    public record NotificationResponse(String id, long streamSeq, NotificationKind kind, String title, String body,
                                       String orderId, Map<String, String> data, boolean read, Instant readAt,
                                       Instant createdAt) {
        static NotificationResponse of(Notification n) {
            return new NotificationResponse(n.id(), n.streamSeq(), n.kind(), n.title(), n.body(), n.orderId(), n.data(),
                    n.read(), n.readAt(), n.createdAt());
        }
    }

    public record UnreadCount(String userId, long unread) {
    }

    public record ReadAll(String userId, int marked) {
    }

    public record PreferenceItem(@NotNull NotificationKind kind, @NotNull Boolean inApp, @NotNull Boolean email) {
    }

    public record PreferencesRequest(@NotEmpty @Size(max = 50) List<@Valid @NotNull PreferenceItem> preferences) {
    }

    public record PreferencesResponse(String userId, List<Preference> preferences) {
    }

    @GetMapping
    @Operation(summary = "Your notifications", description = "Newest first; unread=true for the unread ones only. Staff "
            + "may name any customer with userId; a customer naming another is 403 FORBIDDEN.")
    PageResponse<NotificationResponse> list(@RequestParam(required = false) Boolean unread,
                                            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
                                            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.of(notifications.list(owner(userId), Boolean.TRUE.equals(unread), PageRequest.of(page, size)),
                NotificationResponse::of);
    }

    @GetMapping("/unread-count")
    @Operation(summary = "How many of your notifications are unread")
    UnreadCount unreadCount(@RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId) {
        String owner = owner(userId);
        return new UnreadCount(owner, notifications.unreadCount(owner));
    }

    @PutMapping("/{id}/read")
    @Operation(summary = "Mark a notification read", description = "Marking it again changes nothing. 404 "
            + "NOTIFICATION_NOT_FOUND; 403 FORBIDDEN when it is another customer's.")
    NotificationResponse markRead(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id) {
        Access.requireActingFor(notifications.get(id).userId());
        return NotificationResponse.of(notifications.markRead(id));
    }

    @PutMapping("/read-all")
    @Operation(summary = "Mark all your notifications read")
    ReadAll readAll(@RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId) {
        String owner = owner(userId);
        return new ReadAll(owner, notifications.markAllRead(owner));
    }

    @GetMapping("/preferences")
    @Operation(summary = "Your notification preferences", description = "Every kind, in the app and by mail; kinds you "
            + "never changed show their default (mails for confirmation, shipment, cancellation and refund).")
    PreferencesResponse preferences(@RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId) {
        String owner = owner(userId);
        return new PreferencesResponse(owner, List.copyOf(notifications.preferences(owner).values()));
    }

    @PutMapping("/preferences")
    @Operation(summary = "Change your notification preferences", description = "Only the kinds listed change; answers all.")
    PreferencesResponse savePreferences(@RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
                                        @Valid @RequestBody PreferencesRequest request) {
        String owner = owner(userId);
        List<Preference> changes = request.preferences().stream()
                .map(p -> new Preference(p.kind(), p.inApp(), p.email())).toList();
        return new PreferencesResponse(owner, List.copyOf(notifications.savePreferences(owner, changes).values()));
    }

    /** The customer a request is about: the caller, or for staff the one named. */
    private static String owner(String userId) {
        Caller caller = Access.caller();
        String owner = userId == null ? caller.userId() : userId;
        Access.requireActingFor(owner);
        return owner;
    }
}
