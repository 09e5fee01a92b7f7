package dev.souk.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts the proven caller into the request headers routes read, after authentication: {@code X-User-Id} becomes the
 * token's subject and {@code X-User-Roles} its roles, whatever the client sent. Only a SERVICE caller (the hub acting
 * for a user) may name the user in {@code X-User-Id} itself; without one it acts for no user. Without a token both
 * headers are removed. The caller is also kept as the request attribute {@link Caller#REQUEST_ATTRIBUTE}.
 */
public class CallerHeaders extends OncePerRequestFilter {

    public static final String USER_ID = "X-User-Id";
    public static final String USER_ROLES = "X-User-Roles";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, String> replaced = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.removeAttribute(Caller.REQUEST_ATTRIBUTE);
        Caller.current().ifPresentOrElse(caller -> {
            request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller);
            String sent = request.getHeader(USER_ID);
            boolean actsForSomeone = caller.isService() && sent != null && !sent.isBlank();
            // a SERVICE caller names the user it acts for, or no one (a guest's cart): never itself
            replaced.put(USER_ID, actsForSomeone ? sent : caller.isService() ? null : caller.userId());
            replaced.put(USER_ROLES, String.join(",", new java.util.TreeSet<>(caller.roles())));
        }, () -> {
            replaced.put(USER_ID, null);
            replaced.put(USER_ROLES, null);
        });
        chain.doFilter(new Replaced(request, replaced), response);
    }

    private static final class Replaced extends HttpServletRequestWrapper {
        private final Map<String, String> headers;

        Replaced(HttpServletRequest request, Map<String, String> headers) {
            super(request);
            this.headers = headers;
        }

        @Override
        public String getHeader(String name) {
            return headers.containsKey(name) ? headers.get(name) : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (headers.containsKey(name)) {
                String value = headers.get(name);
                return Collections.enumeration(value == null ? List.of() : List.of(value));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String name = e.nextElement();
                if (!headers.containsKey(name)) {
                    names.add(name);
                }
            }
            headers.forEach((name, value) -> {
                if (value != null) {
                    names.add(name);
                }
            });
            return Collections.enumeration(names);
        }
    }
}
