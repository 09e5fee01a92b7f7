package dev.souk.auth.account;

import java.time.Instant;
import java.util.List;

/** A registered account; {@code passwordHash} never leaves the service. */
public record Account(String id, String email, String fullName, String passwordHash, List<String> roles, Instant createdAt) {

    public static final String CUSTOMER = "CUSTOMER";
    public static final String ADMIN = "ADMIN";
}
