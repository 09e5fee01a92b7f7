package dev.souk.notification.mail;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where mail goes, from one URL ({@code SOUK_SMTP_URL}): {@code smtp://[user[:password]@]host[:port]}, or
 * {@code smtps://} for TLS from the first byte. Empty means no mail is sent (notifications still are).
 */
public record SmtpSettings(String host, int port, String username, String password, boolean tls) {

    public static Optional<SmtpSettings> parse(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri = URI.create(url.strip());
        boolean tls = "smtps".equalsIgnoreCase(uri.getScheme());
        if (!tls && !"smtp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("SOUK_SMTP_URL must look like smtp://[user[:password]@]host[:port], not " + url);
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 465 : 25;
        return Optional.of(new SmtpSettings(uri.getHost(), port, user, password, tls));
    }

    @Override
    public String toString() {
        return (tls ? "smtps://" : "smtp://") + (username == null ? "" : username + "@") + host + ":" + port;
    }
}
