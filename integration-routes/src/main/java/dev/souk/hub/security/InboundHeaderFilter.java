package dev.souk.hub.security;

import java.util.Locale;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * What of an HTTP request may become a message header in the hub's routes. Camel's platform-http consumer turns
 * request headers, query parameters and form fields alike into headers; none of those may carry identity or steer a
 * route, so names of the platform's own headers are dropped whatever their spelling: Camel's ({@code Camel*}), the
 * hub's ({@code souk*}), the caller's ({@code X-User-*}; the caller comes from the verified token only, see
 * {@link HubCaller}), the guest cart ({@code X-Cart-Id}, read from the request header itself), and credentials
 * ({@code Authorization}, {@code Cookie}), which calls to services replace with the hub's own token. Towards the
 * client it keeps platform-http's own rules (no Camel headers, no hop-by-hop or framing headers of the request).
 */
public class InboundHeaderFilter extends HttpHeaderFilterStrategy {

    private static final String[] CAMEL_PREFIXES = {"camel", "org.apache.camel."};
    private static final String[] IDENTITY_PREFIXES = {"souk", "x-user-"};
    private static final Set<String> IDENTITY = Set.of("x-cart-id", "authorization", "proxy-authorization", "cookie");

    /** Whether a name a client sent must not become a message header. */
    public static boolean dropped(String name) {
        return startsWithAny(name.toLowerCase(Locale.ROOT), CAMEL_PREFIXES) || carriesIdentity(name);
    }

    /** Names that say who is asking or steer the hub's own processing; they never come from a client. */
    public static boolean carriesIdentity(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return IDENTITY.contains(lower) || startsWithAny(lower, IDENTITY_PREFIXES);
    }

    private static boolean startsWithAny(String name, String[] prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return dropped(headerName) || super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }

    /** The filter every hub HTTP route consumes with. */
    public static HeaderFilterStrategy instance() {
        return new InboundHeaderFilter();
    }
}
