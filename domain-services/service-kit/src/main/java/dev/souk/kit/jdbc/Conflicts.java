package dev.souk.kit.jdbc;

import java.util.function.Supplier;

import org.springframework.dao.DataIntegrityViolationException;

/** Writes that two callers may race to make first. */
public final class Conflicts {

    private Conflicts() {
    }

    /**
     * Runs {@code write}, and once more when it lost a race on a unique key: two feeds may report a row the service has
     * not stored yet at the same moment, both insert it and one loses; applied again, the loser finds the row, instead of
     * going back to its caller as a conflict to be redelivered later. A second loss is the caller's.
     */
    public static <T> T onceMoreOnConflict(Supplier<T> write) {
        try {
            return write.get();
        } catch (DataIntegrityViolationException raced) {
            return write.get();
        }
    }
}
