package dev.souk.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.souk.security.RegistryCredentials;

/**
 * Checks the apps' Basic sign-in at the registry. Every heartbeat and registry fetch of every app signs in (the
 * registry keeps no sessions), so a deliberately slow password hash would cost the registry most of a core; the
 * password sits in the environment anyway, so comparing digests in constant time protects as much. Any other user
 * name is left to the admin's sign-in.
 */
final class RegistryAppSignIn implements AuthenticationProvider {

    static final String ROLE = "REGISTRY_CLIENT";

    private final String user;
    private final byte[] passwordDigest;

    RegistryAppSignIn(RegistryCredentials credentials) {
        this.user = credentials.user();
        this.passwordDigest = digest(credentials.password());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!user.equals(authentication.getName())) {
            return null;
        }
        Object presented = authentication.getCredentials();
        if (presented == null || !MessageDigest.isEqual(passwordDigest, digest(presented.toString()))) {
            throw new BadCredentialsException("Bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
