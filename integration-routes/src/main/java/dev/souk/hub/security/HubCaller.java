package dev.souk.hub.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;

import dev.souk.contracts.ProblemCodes;
import dev.souk.hub.errors.ProblemException;
import dev.souk.security.CallerHeaders;
import dev.souk.security.Roles;

/**
 * The caller of a hub API request as the route sees it: {@code X-User-Id} and {@code X-User-Roles}, which the security
 * filter sets from the verified access token (whatever the client sent). Anonymous requests have neither.
 */
public record HubCaller(String userId, Set<String> roles) {

    public static HubCaller of(Exchange exchange) {
        String userId = exchange.getMessage().getHeader(CallerHeaders.USER_ID, String.class);
        String roles = exchange.getMessage().getHeader(CallerHeaders.USER_ROLES, String.class);
        return new HubCaller(userId == null || userId.isBlank() ? null : userId,
                roles == null ? Set.of() : Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()));
    }

    public boolean signedIn() {
        return userId != null;
    }

    /** ADMIN or SERVICE: may act for any user. */
    public boolean isPrivileged() {
        return roles.contains(Roles.ADMIN) || roles.contains(Roles.SERVICE);
    }

    public boolean mayActFor(String ownerId) {
        return isPrivileged() || (userId != null && userId.equals(ownerId));
    }

    /** 403 FORBIDDEN unless this caller may act for {@code ownerId}. */
    public void requireActingFor(String ownerId, String what) {
        if (!mayActFor(ownerId)) {
            throw new ProblemException(403, ProblemCodes.FORBIDDEN, what + " belongs to another user.");
        }
    }

    /** 401 UNAUTHENTICATED for an anonymous caller. */
    public String requireSignedIn(String forWhat) {
        if (!signedIn()) {
            throw new ProblemException(401, ProblemCodes.UNAUTHENTICATED, forWhat + " needs a signed-in user: send "
                    + "Authorization: Bearer <access token> (POST /api/auth/login).");
        }
        return userId;
    }
}
