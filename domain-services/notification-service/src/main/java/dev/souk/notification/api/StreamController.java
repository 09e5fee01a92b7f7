package dev.souk.notification.api;

import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import dev.souk.kit.security.Access;
import dev.souk.notification.live.LiveStreams;
import dev.souk.notification.live.StreamTickets;
import dev.souk.notification.notification.NotificationService;
import dev.souk.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.net.URI;

@RestController
@RequestMapping("/api/notifications")
@Validated
@Tag(name = "Live notifications")
public class StreamController {

    private static final String POSITION = "[0-9]{1,18}";
    private static final String POSITION_MESSAGE = "must be a stream position: a whole number from 0";

    private final LiveStreams streams;
    private final StreamTickets tickets;
    private final NotificationService notifications;

    StreamController(LiveStreams streams, StreamTickets tickets, NotificationService notifications) {
        this.streams = streams;
        this.tickets = tickets;
        this.notifications = notifications;
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Your notifications, live (Server-Sent Events)",
            description = "Each notification is an event named notification, its id the notification's streamSeq, its "
                    + "data the notification as JSON; a comment every 15 s keeps the connection open. Reconnect with "
                    + "Last-Event-ID (browsers do) to get exactly what you missed, nothing twice. Without it the stream "
                    + "starts with what comes next, or after lastEventId (0: everything). Sign in with a bearer token, or "
                    + "where no header can be sent (a browser's EventSource) with ?ticket= from POST "
                    + "/api/notifications/stream-tickets.")
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false)
                      @Pattern(regexp = POSITION, message = POSITION_MESSAGE) String lastEventIdHeader,
                      @RequestParam(required = false) @Pattern(regexp = POSITION, message = POSITION_MESSAGE) String lastEventId,
                      @Parameter(description = "A single-use ticket, for clients that cannot send a header")
                      @RequestParam(required = false) @Size(max = 100) String ticket) {
        String userId = Caller.current().map(Caller::userId)
                .or(() -> ticket == null ? java.util.Optional.empty() : tickets.redeem(ticket))
                .orElseThrow(() -> ticket == null
                        ? new ApiException(HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHENTICATED, "A bearer token or a stream ticket is required.")
                        : new ApiException(HttpStatus.UNAUTHORIZED, ProblemCodes.INVALID_STREAM_TICKET,
                                "The stream ticket is unknown, expired or already used."));
        String position = lastEventIdHeader != null ? lastEventIdHeader : lastEventId;
        long after = position != null ? Long.parseLong(position) : notifications.lastStreamSeq(userId);
        return streams.open(userId, after);
    }

    @PostMapping("/stream-tickets")
    @Operation(summary = "A ticket to open your live stream without a header",
            description = "Single use, valid 30 seconds: GET /api/notifications/stream?ticket=… . Issued to the signed-in "
                    + "caller only, for their own stream.")
    ResponseEntity<StreamTickets.Ticket> ticket() {
        StreamTickets.Ticket ticket = tickets.issue(Access.caller().userId());
        return ResponseEntity.created(URI.create("/api/notifications/stream")).body(ticket);
    }
}
