package dev.souk.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.core.env.Environment;

/**
 * The apps' sign-in at the service registry: {@code souk.registry.user} (SOUK_REGISTRY_USER, default
 * {@value #DEFAULT_USER}) and {@code souk.registry.password} (SOUK_REGISTRY_PASSWORD, no default). The registry asks
 * for them on every {@code /eureka/**} call; every app sends them as the user info of its registry URL, which the
 * Eureka client turns into HTTP Basic.
 */
public record RegistryCredentials(String user, String password) {

    public static final String DEFAULT_USER = "souk-app";

    public RegistryCredentials {
        user = user == null || user.isBlank() ? DEFAULT_USER : user;
        password = password == null ? "" : password;
        if (user.contains(":") || password.contains(":")) {
            // the Eureka client splits the URL's user info at ':' and sends nothing when it finds more than one
            throw new RefusedConfigurationException(
                    "The registry user or password (SOUK_REGISTRY_USER / SOUK_REGISTRY_PASSWORD) contains ':', which the apps cannot send.",
                    "Choose a registry user and password without ':'.");
        }
    }

    public static RegistryCredentials from(Environment environment) {
        return new RegistryCredentials(environment.getProperty("souk.registry.user"),
                environment.getProperty("souk.registry.password"));
    }

    public boolean configured() {
        return !password.isBlank();
    }

    /**
     * The registry URLs (Eureka's comma-separated list) with these credentials as their user info; a URL that already
     * names a user keeps it.
     */
    public String signIn(String registryUrls) {
        String userInfo = encode(user) + ":" + encode(password) + "@";
        return Arrays.stream(registryUrls.split(","))
                .map(String::trim)
                .map(url -> {
                    int authority = url.indexOf("://") + 3;
                    boolean hasUser = authority > 2 && url.substring(authority).split("[/?#]", 2)[0].contains("@");
                    return authority < 3 || hasUser ? url : url.substring(0, authority) + userInfo + url.substring(authority);
                })
                .collect(Collectors.joining(","));
    }

    /** Percent-encoded for the URL; the client decodes it before it builds the Basic header. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "RegistryCredentials[user=" + user + ", password=" + (configured() ? "(set)" : "(none)") + "]";
    }
}
