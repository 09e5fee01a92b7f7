package dev.souk.hub.security;

import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

import dev.souk.contracts.ProblemCodes;
import dev.souk.hub.errors.ProblemException;
import dev.souk.security.Caller;
import dev.souk.security.Roles;

/**
 * The caller of a hub API request as its routes see it: the user id and roles of the verified access token, and the
 * guest cart it holds ({@code X-Cart-Id}). {@link #capture} takes them from the servlet request when a request enters a
 * route — the caller from the attribute the security filter set, never from a message header, query parameter or form
 * field, which any client can name {@code X-User-Roles} — and keeps them in an exchange property a request cannot
 * reach. Anonymous requests have no user id and no roles.
 */
public record HubCaller(String userId, Set<String> roles, String cartId) {

    /** Exchange property holding the caller of the request the exchange serves. */
    public static final String PROPERTY = "soukHubCaller";
    /** The header naming a guest's cart; it is read from the HTTP request itself. */
    public static final String CART_HEADER = "X-Cart-Id";

    private static final HubCaller ANONYMOUS = new HubCaller(null, Set.of(), null);

    public HubCaller {
        roles = Set.copyOf(roles);
    }

    /** At the start of an HTTP route: records who sent the request. Exchanges that did not come over HTTP stay anonymous. */
    public static void capture(Exchange exchange) {
        HubCaller caller = ANONYMOUS;
        if (exchange.getIn() instanceof PlatformHttpMessage http && http.getRequest() != null) {
            HttpServletRequest request = http.getRequest();
            String cartId = Optional.ofNullable(request.getHeader(CART_HEADER)).filter(id -> !id.isBlank()).orElse(null);
            caller = Caller.of(request)
                    .map(proven -> new HubCaller(proven.userId(), proven.roles(), cartId))
                    .orElse(new HubCaller(null, Set.of(), cartId));
        }
        exchange.setProperty(PROPERTY, caller);
    }

    /** The caller recorded by {@link #capture}; anonymous when there is none. */
    public static HubCaller of(Exchange exchange) {
        HubCaller caller = exchange.getProperty(PROPERTY, HubCaller.class);
        return caller == null ? ANONYMOUS : caller;
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
