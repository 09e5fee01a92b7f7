package dev.souk.auth.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The RSA key pairs that sign access tokens. Each pair is a PKCS#8 PEM file {@code <kid>.pem} in the key directory;
 * the kid carries the pair's creation time. The first start makes a pair; later starts load them. Once the newest
 * pair is older than {@code souk.auth.rotate-after}, a new pair becomes the current one, and the JWKS keeps
 * publishing the previous pair so tokens it signed stay verifiable until they expire.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final DateTimeFormatter KID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern KID = Pattern.compile("key-(\\d{8}T\\d{6}Z)-[0-9a-f]{8}");
    private static final int KEY_SIZE = 2048;

    /** One signing pair. */
    public record SigningKey(String kid, Instant createdAt, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {
        RSAKey publicJwk() {
            return new RSAKey.Builder(publicKey).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        }
    }

    private final Path dir;
    private final Duration rotateAfter;
    private final Clock clock;
    private final List<SigningKey> keys = new ArrayList<>();

    public SigningKeys(@Value("${souk.auth.key-dir}") Path dir,
                       @Value("${souk.auth.rotate-after:30d}") Duration rotateAfter,
                       Clock clock) {
        this.dir = dir;
        this.rotateAfter = rotateAfter;
        this.clock = clock;
        load();
        current();
    }

    /** The pair that signs new tokens; makes a new one first when the newest is due for rotation. */
    public synchronized SigningKey current() {
        Instant now = clock.instant();
        if (keys.isEmpty() || !keys.get(keys.size() - 1).createdAt().plus(rotateAfter).isAfter(now)) {
            keys.add(create(now));
        }
        return keys.get(keys.size() - 1);
    }

    /** The public halves of the current and the previous pair. */
    public synchronized JWKSet publicJwks() {
        current();
        List<com.nimbusds.jose.jwk.JWK> published = new ArrayList<>();
        for (int i = keys.size() - 1; i >= Math.max(0, keys.size() - 2); i--) {
            published.add(keys.get(i).publicJwk());
        }
        return new JWKSet(published);
    }

    private void load() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pem")).toList()) {
                String name = file.getFileName().toString();
                Matcher kid = KID.matcher(name.substring(0, name.length() - ".pem".length()));
                if (!kid.matches()) {
                    log.warn("Ignoring {}: not a signing key file name", file);
                    continue;
                }
                RSAPrivateCrtKey privateKey = readPrivate(Files.readString(file, StandardCharsets.US_ASCII));
                keys.add(new SigningKey(kid.group(), KID_TIME.parse(kid.group(1), Instant::from), privateKey, publicOf(privateKey)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing keys in " + dir, e);
        }
        keys.sort(Comparator.comparing(SigningKey::createdAt).thenComparing(SigningKey::kid));
    }

    private SigningKey create(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
            String kid = "key-" + KID_TIME.format(now) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            write(dir.resolve(kid + ".pem"), pem(privateKey));
            log.info("Made signing key {} in {}", kid, dir);
            Instant createdAt = KID_TIME.parse(KID_TIME.format(now), Instant::from);
            return new SigningKey(kid, createdAt, privateKey, publicOf(privateKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every Java runtime", e);
        }
    }

    /** Writes the file readable by its owner only, atomically: a crash never leaves half a key behind. */
    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".key", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the directory's own protection applies
            }
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the signing key " + file, e);
        }
    }

    private static String pem(RSAPrivateCrtKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static RSAPrivateCrtKey readPrivate(String pem) {
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("Not an RSA private key in PKCS#8 PEM form", e);
        }
    }

    private static RSAPublicKey publicOf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every Java runtime", e);
        }
    }
}
