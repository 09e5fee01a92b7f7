package dev.souk.audit.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The Ed25519 key that signs checkpoints, and the public keys a verification trusts. The private key lives in a file
 * (PEM: the PKCS#8 private key and its X.509 public key) that only the service reads; it is created on the first start when missing, like a host key, so give
 * every replica the same file (a mounted secret) and keep a copy: without it old checkpoints still verify (their public
 * key is known), but nobody can sign as the old key again.
 */
public final class CheckpointKeys {

    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final String publicKey;
    private final String keyId;
    private final Set<String> trustedPublicKeys;

    private CheckpointKeys(KeyPair pair, Collection<String> alsoTrusted) {
        this.privateKey = pair.getPrivate();
        this.publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        this.keyId = keyIdOf(publicKey);
        Set<String> trusted = new LinkedHashSet<>();
        trusted.add(publicKey);
        alsoTrusted.stream().map(String::strip).filter(key -> !key.isEmpty()).forEach(trusted::add);
        this.trustedPublicKeys = Set.copyOf(trusted);
    }

    /** The key in {@code file}, created there first when the file does not exist. */
    public static CheckpointKeys loadOrCreate(Path file, Collection<String> alsoTrusted) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return new CheckpointKeys(read(file), alsoTrusted);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the checkpoint signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The checkpoint signing key " + file + " is not an Ed25519 private key", e);
        }
    }

    /** A fresh key held in memory only (tests). */
    public static CheckpointKeys ephemeral() {
        try {
            return new CheckpointKeys(KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair(), Set.of());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Checkpoint sign(long sequence, String entryHash, Instant at) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(Checkpoint.signedText(sequence, entryHash).getBytes(StandardCharsets.UTF_8));
            return new Checkpoint(sequence, entryHash, at, keyId, publicKey, Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign checkpoint " + sequence, e);
        }
    }

    public String publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    public Set<String> trustedPublicKeys() {
        return trustedPublicKeys;
    }

    /** Whether {@code checkpoint} carries a valid signature by the public key it names. */
    public static boolean signatureValid(Checkpoint checkpoint) {
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(checkpoint.publicKey())));
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(checkpoint.signedText().getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** The first 16 hex digits of the SHA-256 of the public key (base64 of its X.509 encoding). */
    public static String keyIdOf(String publicKey) {
        return ChainHash.sha256(publicKey).substring(0, 16);
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        // Java cannot derive an Ed25519 public key from the private one, so the file holds both halves
        String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path fresh = Files.createTempFile(dir, "checkpoint-key", ".tmp");
        try {
            Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions keeps its own defaults
        }
        Files.writeString(fresh, pem, StandardCharsets.US_ASCII);
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static KeyPair read(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
        PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(block(pem, "PRIVATE KEY", file)));
        PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(block(pem, "PUBLIC KEY", file)));
        return new KeyPair(publicKey, privateKey);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] block(String pem, String label, Path file) throws GeneralSecurityException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException(file + " has no " + label + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to).strip());
    }
}
