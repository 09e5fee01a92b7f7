package dev.souk.auth.token;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.souk.auth.account.Account;
import dev.souk.security.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeysTests {

    private static final Duration ROTATE_AFTER = Duration.ofDays(30);

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T10:00:00Z"));

    @Test
    void aKeyIsMadeOnTheFirstStartAndLoadedOnTheNext() throws Exception {
        SigningKeys first = new SigningKeys(dir, ROTATE_AFTER, clock);
        String kid = first.current().kid();
        assertThat(kid).startsWith("key-20260101T100000Z-");
        assertThat(pemFiles()).containsExactly(kid + ".pem");
        assertThat(Files.readString(dir.resolve(kid + ".pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(kid + ".pem")))).isEqualTo("rw-------");

        clock.advance(Duration.ofDays(29));
        SigningKeys restarted = new SigningKeys(dir, ROTATE_AFTER, clock);
        assertThat(restarted.current().kid()).isEqualTo(kid);
        assertThat(restarted.current().publicKey()).isEqualTo(first.current().publicKey());
        assertThat(pemFiles()).hasSize(1);
    }

    @Test
    void anOldKeyIsRotatedAndThePreviousOneStaysPublished() throws Exception {
        SigningKeys keys = new SigningKeys(dir, ROTATE_AFTER, clock);
        AccessTokens tokens = new AccessTokens(keys, "souk-auth", "souk", Duration.ofMinutes(15), clock);
        Account account = new Account("user-1", "a@example.com", "A", "x", List.of("CUSTOMER"), clock.instant());
        String oldKid = keys.current().kid();
        String oldToken = tokens.sign(account, "fam-1");

        clock.advance(ROTATE_AFTER.plusMinutes(1));
        String newKid = keys.current().kid();
        assertThat(newKid).isNotEqualTo(oldKid);
        JWKSet published = keys.publicJwks();
        assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactly(newKid, oldKid);
        assertThat(SignedJWT.parse(tokens.sign(account, "fam-1")).getHeader().getKeyID()).isEqualTo(newKid);
        // a token of the previous key still verifies against the JWKS
        SignedJWT old = SignedJWT.parse(oldToken);
        assertThat(old.verify(new RSASSAVerifier((RSAKey) published.getKeyByKeyId(old.getHeader().getKeyID())))).isTrue();

        // a restart keeps the rotated state; a further rotation publishes only the two newest keys
        SigningKeys restarted = new SigningKeys(dir, ROTATE_AFTER, clock);
        assertThat(restarted.current().kid()).isEqualTo(newKid);
        clock.advance(ROTATE_AFTER.plusMinutes(1));
        String newest = restarted.current().kid();
        assertThat(restarted.publicJwks().getKeys()).extracting(JWK::getKeyID).containsExactly(newest, newKid);
        assertThat(pemFiles()).hasSize(3);
    }

    private List<String> pemFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".pem")).toList();
        }
    }
}
