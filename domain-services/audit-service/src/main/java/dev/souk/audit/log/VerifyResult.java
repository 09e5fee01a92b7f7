package dev.souk.audit.log;

/**
 * What a verification of the chain found.
 *
 * @param ok                  every entry and checkpoint checked out
 * @param checked             how many entries were checked
 * @param firstBrokenSequence the first sequence that does not check out (an edited, inserted or missing entry, or a
 *                            checkpoint that no longer matches), null when ok
 * @param problem             what is wrong there, null when ok
 * @param checkpoints         how many signed checkpoints were checked
 * @param lastSequence        the last entry checked (0 for an empty log)
 */
public record VerifyResult(boolean ok, long checked, Long firstBrokenSequence, String problem, long checkpoints,
                           long lastSequence) {

    static VerifyResult broken(long checked, long sequence, String problem, long checkpoints, long lastSequence) {
        return new VerifyResult(false, checked, sequence, problem, checkpoints, lastSequence);
    }
}
