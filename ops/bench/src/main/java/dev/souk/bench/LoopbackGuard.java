package dev.souk.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The benchmark only ever talks to this machine. Hosts are checked as IP literals (no name resolution),
 * {@code localhost} is pinned to 127.0.0.1, and every single request is checked again before it is sent.
 */
final class LoopbackGuard {

    private LoopbackGuard() {
    }

    /** Validates a base URL given on the command line and returns it normalised (no trailing slash, localhost pinned). */
    static URI requireLoopbackBase(String option, String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + ": not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(option + ": only http(s) URLs are allowed: " + url);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(option + ": no user info, query or fragment allowed: " + url);
        }
        String host = uri.getHost();
        if (host == null || !isLoopbackLiteral(host)) {
            throw new IllegalArgumentException(option + ": refusing non-loopback host in " + url
                    + " (the benchmark only targets 127.0.0.1)");
        }
        String pinnedHost = host.equalsIgnoreCase("localhost") ? "127.0.0.1" : host;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return URI.create(scheme + "://" + pinnedHost + port + path);
    }

    /** Last line of defence, called for every request URI. */
    static void check(URI uri) {
        String host = uri.getHost();
        if (host == null || host.equalsIgnoreCase("localhost") || !isLoopbackLiteral(host)) {
            throw new IllegalStateException("refusing to send to non-loopback address " + uri);
        }
    }

    static boolean isLoopbackLiteral(String rawHost) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.equals("localhost")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean ipv4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = host.contains(":") && host.matches("[0-9a-f:.]+");
        if (!ipv4 && !ipv6) {
            return false;
        }
        if (ipv4) {
            for (String octet : host.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
        }
        try {
            // a literal address: no DNS lookup happens
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
