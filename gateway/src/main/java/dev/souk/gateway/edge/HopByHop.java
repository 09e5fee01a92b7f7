package dev.souk.gateway.edge;

import java.util.Locale;
import java.util.Set;

/** Headers that describe one connection (RFC 9110 §7.6.1) and so never cross the gateway. */
final class HopByHop {

    private static final Set<String> NAMES = Set.of(
            "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade");

    private HopByHop() {
    }

    static boolean isHopByHop(String name) {
        return NAMES.contains(name.toLowerCase(Locale.ROOT));
    }
}
