package dev.souk.auth.throttle;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The address a request came from. That is the peer's address, unless the peer is the gateway (on loopback, or in
 * {@code souk.auth.register-limit.trusted-proxies}, addresses or CIDR ranges): the gateway appends the client it saw to
 * {@code X-Forwarded-For}, so then the last entry is the client. Earlier entries are whatever the client sent and are
 * never trusted, nor is the header from any other peer.
 */
@Component
public class ClientAddresses {

    private static final int LONGEST_ADDRESS = 64;

    private final List<Range> trustedProxies = new ArrayList<>();

    ClientAddresses(RegisterLimitProperties properties) {
        for (String proxy : properties.trustedProxies()) {
            if (!proxy.isBlank()) {
                trustedProxies.add(Range.parse(proxy.strip()));
            }
        }
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!trusted(peer)) {
            return peer;
        }
        String forwarded = lastForwardedFor(request);
        return forwarded == null ? peer : forwarded;
    }

    private boolean trusted(String peer) {
        InetAddress address = parse(peer);
        return address != null && (address.isLoopbackAddress() || trustedProxies.stream().anyMatch(range -> range.contains(address)));
    }

    private static String lastForwardedFor(HttpServletRequest request) {
        List<String> lines = Collections.list(request.getHeaders("X-Forwarded-For"));
        if (lines.isEmpty()) {
            return null;
        }
        String line = lines.get(lines.size() - 1);
        String last = line.substring(line.lastIndexOf(',') + 1).strip();
        return last.isEmpty() || last.length() > LONGEST_ADDRESS ? null : last;
    }

    /** An address ({@code 10.1.2.3}) or a CIDR range ({@code 10.0.0.0/8}). */
    private record Range(byte[] network, int bits) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = ClientAddresses.parse(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("souk.auth.register-limit.trusted-proxies: not an IP address or range: " + text);
            }
            int length = address.getAddress().length * 8;
            int bits = slash < 0 ? length : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > length) {
                throw new IllegalArgumentException("souk.auth.register-limit.trusted-proxies: not a prefix length: " + text);
            }
            return new Range(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** An IP address literal; never a name to look up. */
    private static InetAddress parse(String literal) {
        boolean looksLiteral = literal != null && (literal.indexOf(':') >= 0 || literal.matches("[0-9.]+"));
        if (!looksLiteral) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
