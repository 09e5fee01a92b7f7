package dev.souk.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How an app checks the tokens it is given ({@code souk.security.*}).
 *
 * @param jwksUri          where the auth-service publishes its public keys
 * @param issuer           the {@code iss} every token must carry
 * @param audience         the {@code aud} every token must contain
 * @param clockSkew        tolerance on {@code exp} and {@code nbf}
 * @param operationsOpen   true only on a developer's machine (the local stack, profile {@code local}, else the app does
 *                         not start): anyone may read consoles and actuator endpoints; changes always require an admin
 * @param admin            the operator who signs in to consoles and actuator endpoints with HTTP Basic
 * @param corsOrigins      browser origins allowed to call the API (none by default)
 * @param client           this app's client credentials, when it calls other services with a SERVICE token
 */
@ConfigurationProperties("souk.security")
public record SoukSecurityProperties(URI jwksUri,
                                     String issuer,
                                     String audience,
                                     Duration clockSkew,
                                     boolean operationsOpen,
                                     Admin admin,
                                     List<String> corsOrigins,
                                     Client client) {

    public SoukSecurityProperties {
        jwksUri = jwksUri == null ? URI.create("http://localhost:8101/api/auth/.well-known/jwks.json") : jwksUri;
        issuer = issuer == null ? "souk-auth" : issuer;
        audience = audience == null ? "souk" : audience;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        admin = admin == null ? new Admin(null, null) : admin;
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        client = client == null ? new Client(null, null, null) : client;
    }

    /** An admin for HTTP Basic sign-in; without a password there is no Basic sign-in at all. */
    public record Admin(String user, String password) {
        public boolean configured() {
            return user != null && !user.isBlank() && password != null && !password.isBlank();
        }
    }

    /** Client credentials for {@code POST /api/auth/token}; without a secret the app holds no SERVICE token. */
    public record Client(String id, String secret, URI tokenUri) {
        public boolean configured() {
            return id != null && !id.isBlank() && secret != null && !secret.isBlank();
        }

        public URI tokenUriOrDefault() {
            return tokenUri == null ? URI.create("http://localhost:8101/api/auth/token") : tokenUri;
        }
    }
}
