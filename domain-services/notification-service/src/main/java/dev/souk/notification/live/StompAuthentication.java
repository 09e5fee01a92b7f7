package dev.souk.notification.live;

import dev.souk.contracts.ProblemCodes;
import dev.souk.security.Caller;
import dev.souk.security.SoukWebSecurity;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

import java.security.Principal;
import java.util.Optional;

/**
 * Who a STOMP session belongs to, proven in its CONNECT frame only: {@code Authorization: Bearer <access token>},
 * checked like every request's token (signature, expiry, issuer, audience, ended sessions), or {@code ticket:} a
 * single-use stream ticket. Afterwards the session may only SUBSCRIBE to its own notifications and send nothing.
 * Refusals are STOMP ERROR frames with a stable code.
 */
@Component
class StompAuthentication implements ChannelInterceptor {

    private final JwtDecoder tokens;
    private final StreamTickets tickets;

    StompAuthentication(JwtDecoder tokens, StreamTickets tickets) {
        this.tokens = tokens;
        this.tickets = tickets;
    }

    /** The session's owner; its name is the user id, which user destinations resolve by. */
    record LiveUser(String userId) implements Principal {
        @Override
        public String getName() {
            return userId;
        }
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (frame == null || frame.getCommand() == null) {
            return message;
        }
        switch (frame.getCommand()) {
            case CONNECT, STOMP -> frame.setUser(new LiveUser(owner(frame)));
            case SUBSCRIBE -> {
                if (!(frame.getUser() instanceof LiveUser)) {
                    throw refused(ProblemCodes.UNAUTHENTICATED, "CONNECT with a token first.");
                }
                if (!StompEndpointConfiguration.NOTIFICATIONS.equals(frame.getDestination())) {
                    throw refused(ProblemCodes.FORBIDDEN, "The only destination is " + StompEndpointConfiguration.NOTIFICATIONS + ".");
                }
            }
            case SEND -> throw refused(ProblemCodes.FORBIDDEN, "Notifications are only received here.");
            default -> {
                // UNSUBSCRIBE, DISCONNECT, ACK, NACK concern the session's own state
            }
        }
        return message;
    }

    private String owner(StompHeaderAccessor frame) {
        String authorization = frame.getFirstNativeHeader("Authorization");
        String ticket = frame.getFirstNativeHeader("ticket");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                return Caller.of(SoukWebSecurity.rolesConverter().convert(tokens.decode(authorization.substring(7).strip())))
                        .map(Caller::userId)
                        .orElseThrow(() -> refused(ProblemCodes.UNAUTHENTICATED, "The token names no user."));
            } catch (JwtException invalid) {
                throw refused(ProblemCodes.UNAUTHENTICATED, "The token is invalid or expired.");
            }
        }
        if (ticket != null && ticket.length() <= 100) {
            Optional<String> owner = tickets.redeem(ticket);
            return owner.orElseThrow(() -> refused(ProblemCodes.INVALID_STREAM_TICKET,
                    "The stream ticket is unknown, expired or already used."));
        }
        throw refused(ProblemCodes.UNAUTHENTICATED, "CONNECT needs an Authorization: Bearer header or a ticket header.");
    }

    private static MessageDeliveryException refused(String code, String detail) {
        return new MessageDeliveryException(code + ": " + detail);
    }
}
