package dev.souk.auth.account;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * BCrypt over the SHA-256 of the password: BCrypt reads at most 72 bytes, and passwords may be up to 128 characters,
 * so each password is first reduced to its 44-character Base64 SHA-256 digest and that is what BCrypt hashes.
 */
@Component
class PasswordHasher {

    private final BCryptPasswordEncoder bcrypt;
    /** Compared against when the email is unknown, so a wrong email costs as much time as a wrong password. */
    private final String decoy;

    PasswordHasher(@Value("${souk.auth.bcrypt-strength:12}") int strength) {
        this.bcrypt = new BCryptPasswordEncoder(strength);
        this.decoy = bcrypt.encode(prehash("decoy password that matches nothing"));
    }

    String hash(String password) {
        return bcrypt.encode(prehash(password));
    }

    boolean matches(String password, String hash) {
        return bcrypt.matches(prehash(password), hash);
    }

    /** Spends the time of a comparison without anything to compare against. */
    void spendComparisonTime(String password) {
        bcrypt.matches(prehash(password), decoy);
    }

    private static String prehash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
