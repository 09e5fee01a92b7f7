package dev.souk.auth;

import dev.souk.kit.config.SoukService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Owns accounts and credentials; issues RS256 access tokens and rotating refresh tokens, and publishes its JWKS. */
@SpringBootApplication
@SoukService("auth-service")
public class AuthServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthServiceApplication.class, args);
    }
}
