package dev.souk.audit.log;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * Checks a chain of entries in sequence order: no gaps, each entry's hash is its content's (so an edited field shows),
 * each entry names the hash of the one before it (so an inserted, removed or reordered entry shows), and every signed
 * checkpoint matches the entry it names with a valid signature by a trusted key (so a chain rewritten from an edit
 * onwards shows at the next checkpoint). A checkpoint after the last entry means entries were cut off the end.
 *
 * <p>The chain may start after 1 when older entries were archived and removed (see the README's retention): it then
 * starts from the checkpoint just before its first entry, which must be there. An export of a range starts from
 * whatever its first entry says ({@link Anchor#FIRST_ENTRY}), since the entries before it are not part of the file.
 */
public final class ChainVerifier {

    /** Where the chain's first entry takes its expected previous hash from. */
    public enum Anchor {
        /** Entry 1 from {@link ChainHash#GENESIS}, a later first entry from the checkpoint before it. */
        GENESIS_OR_CHECKPOINT,
        /** From the first entry itself: a partial export, checked within itself. */
        FIRST_ENTRY
    }

    private final NavigableMap<Long, Checkpoint> checkpoints;
    private final Set<String> trustedPublicKeys;
    private final Anchor anchor;

    /**
     * @param trustedPublicKeys the keys a checkpoint may be signed by; null to accept the key stored with each
     *                          checkpoint (its signature is still checked, but anyone with write access could have signed)
     */
    public ChainVerifier(NavigableMap<Long, Checkpoint> checkpoints, Set<String> trustedPublicKeys, Anchor anchor) {
        this.checkpoints = checkpoints;
        this.trustedPublicKeys = trustedPublicKeys;
        this.anchor = anchor;
    }

    public VerifyResult verify(Iterator<AuditEntry> entries) {
        long checked = 0;
        long checkpointsChecked = 0;
        long previousSequence = -1;
        String expectedPrev = null;
        while (entries.hasNext()) {
            AuditEntry entry = entries.next();
            long sequence = entry.sequence();
            if (previousSequence < 0) {
                if (anchor == Anchor.FIRST_ENTRY) {
                    expectedPrev = entry.prevHash();
                } else if (sequence == 1) {
                    expectedPrev = ChainHash.GENESIS;
                } else {
                    Checkpoint before = checkpoints.get(sequence - 1);
                    if (before == null) {
                        return VerifyResult.broken(checked, sequence, "the log starts at " + sequence
                                + " without a checkpoint at " + (sequence - 1) + " to start from", checkpointsChecked, 0);
                    }
                    String refused = refusal(before);
                    if (refused != null) {
                        return VerifyResult.broken(checked, sequence, refused, checkpointsChecked, 0);
                    }
                    checkpointsChecked++;
                    expectedPrev = before.entryHash();
                }
            } else if (sequence != previousSequence + 1) {
                return VerifyResult.broken(checked, previousSequence + 1, "entry " + (previousSequence + 1) + " is missing",
                        checkpointsChecked, previousSequence);
            }
            if (!expectedPrev.equals(entry.prevHash())) {
                return VerifyResult.broken(checked, sequence, "entry " + sequence
                        + " does not follow the entry before it (previous hash differs)", checkpointsChecked, previousSequence);
            }
            String recomputed = ChainHash.of(entry);
            if (!recomputed.equals(entry.hash())) {
                return VerifyResult.broken(checked, sequence, "entry " + sequence + " was changed (its hash does not match "
                        + "its content)", checkpointsChecked, previousSequence);
            }
            Checkpoint checkpoint = checkpoints.get(sequence);
            if (checkpoint != null) {
                String refused = refusal(checkpoint);
                if (refused == null && !checkpoint.entryHash().equals(recomputed)) {
                    refused = "the chain up to entry " + sequence + " was rewritten (the signed checkpoint names another hash)";
                }
                if (refused != null) {
                    return VerifyResult.broken(checked, sequence, refused, checkpointsChecked, previousSequence);
                }
                checkpointsChecked++;
            }
            checked++;
            previousSequence = sequence;
            expectedPrev = entry.hash();
        }
        long last = Math.max(previousSequence, 0);
        Map.Entry<Long, Checkpoint> beyond = checkpoints.higherEntry(last);
        if (beyond != null && anchor == Anchor.GENESIS_OR_CHECKPOINT) {
            return VerifyResult.broken(checked, last + 1, "entries " + (last + 1) + " to " + beyond.getKey()
                    + " are missing (a signed checkpoint names entry " + beyond.getKey() + ")", checkpointsChecked, last);
        }
        return new VerifyResult(true, checked, null, null, checkpointsChecked, last);
    }

    private String refusal(Checkpoint checkpoint) {
        if (trustedPublicKeys != null && !trustedPublicKeys.contains(checkpoint.publicKey())) {
            return "checkpoint " + checkpoint.sequence() + " is signed by an unknown key " + checkpoint.keyId();
        }
        if (!CheckpointKeys.keyIdOf(checkpoint.publicKey()).equals(checkpoint.keyId())
                || !CheckpointKeys.signatureValid(checkpoint)) {
            return "checkpoint " + checkpoint.sequence() + " has no valid signature";
        }
        return null;
    }
}
