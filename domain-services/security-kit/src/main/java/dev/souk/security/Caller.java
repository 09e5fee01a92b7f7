package dev.souk.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who sent the current request, as proven by its access token: the user id ({@code sub}) and the roles.
 * ADMIN and SERVICE callers act for any user; a CUSTOMER only for themselves.
 */
public record Caller(String userId, Set<String> roles) {

    /**
     * The request attribute that holds the proven caller of a request once its token is verified. Apps whose request
     * handling leaves the servlet thread (Camel's platform-http runs routes on its own pool, where the thread-bound
     * security context is not set) read the caller from here; a client cannot set a request attribute.
     */
    public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    public Caller {
        Objects.requireNonNull(userId, "userId");
        roles = Set.copyOf(roles);
    }

    /** The authenticated caller of this thread's request, if the request carried a valid token. */
    public static Optional<Caller> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The proven caller of {@code request}, as {@link CallerHeaders} recorded it; empty without a valid token. */
    public static Optional<Caller> of(HttpServletRequest request) {
        return request.getAttribute(REQUEST_ATTRIBUTE) instanceof Caller caller ? Optional.of(caller) : Optional.empty();
    }

    public static Optional<Caller> of(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken jwt) || !jwt.isAuthenticated()) {
            return Optional.empty();
        }
        Set<String> roles = jwt.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
        return Optional.of(new Caller(jwt.getName(), roles));
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }

    public boolean isService() {
        return has(Roles.SERVICE);
    }

    /** ADMIN or SERVICE: may read and change what belongs to any user. */
    public boolean isPrivileged() {
        return isAdmin() || isService();
    }

    /** Whether this caller may read or change what belongs to {@code ownerId}. */
    public boolean mayActFor(String ownerId) {
        return isPrivileged() || userId.equals(ownerId);
    }
}
