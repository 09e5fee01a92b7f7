package dev.souk.audit.log;

import java.time.Instant;

/**
 * A signed statement that the chain's entry {@code sequence} has hash {@code entryHash}. Whoever rewrites the chain
 * before it (recomputing every hash after an edit) cannot sign a new checkpoint without the service's private key.
 *
 * @param keyId     the signing key's fingerprint (see {@link CheckpointKeys#keyIdOf})
 * @param publicKey the signing key's public half, X.509, base64: enough to check the signature, not to trust it
 * @param signature Ed25519 signature of {@link #signedText()}, base64
 */
public record Checkpoint(long sequence, String entryHash, Instant signedAt, String keyId, String publicKey,
                         String signature) {

    /** What is signed: the sequence and the hash, nothing a database could present differently. */
    public String signedText() {
        return signedText(sequence, entryHash);
    }

    static String signedText(long sequence, String entryHash) {
        return "souk-audit-checkpoint\n" + sequence + "\n" + entryHash;
    }
}
