package dev.souk.hub.order;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.souk.hub.process.CamelStepDelegate;

/**
 * How far each order's process got, for the HTTP caller waiting on it. The model records a state at every point
 * where the order comes to rest ({@code ${orderOutcomes.record(execution, 'AWAITING_PAYMENT')}}), in the engine's
 * own transaction, so a caller never sees a state the engine later rolls back. Callers wait for the version to
 * move past the one they saw; a caller on this node is woken as soon as the state commits, one on another node
 * notices on its next poll.
 */
@Component("orderOutcomes")
public class OrderOutcomes {

    public record Outcome(int version, String state, String failure) {
    }

    private static final long POLL_MS = 50;

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();
    private final ConcurrentMap<String, Object> waiters = new ConcurrentHashMap<>();

    public OrderOutcomes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Called by the model; takes the step failure that led here (if any) along with the state. */
    public void record(DelegateExecution execution, String state) {
        String orderId = execution.getProcessBusinessKey();
        String failure = (String) execution.getVariable(CamelStepDelegate.LAST_FAILURE);
        if (failure != null) {
            execution.removeVariable(CamelStepDelegate.LAST_FAILURE);
        }
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update("update order_outcome set version = version + 1, state = ?, failure = ?, updated_at = ? where order_id = ?",
                state, failure, now, orderId);
        if (updated == 0) {
            jdbc.update("insert into order_outcome (order_id, version, state, failure, updated_at) values (?, 1, ?, ?, ?)",
                    orderId, state, failure, now);
        }
        wakeAfterCommit(orderId);
    }

    /**
     * Claims {@code orderId} for the one caller that will start its process (version 0, before any outcome); answers
     * false when another caller already did.
     */
    public boolean claim(String orderId) {
        try {
            jdbc.update("insert into order_outcome (order_id, version, state, failure, updated_at) values (?, 0, 'PLACING', null, ?)",
                    orderId, Timestamp.from(clock.instant()));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** Gives a claim back when the process could not be started, so the order can be placed again. */
    public void unclaim(String orderId) {
        jdbc.update("delete from order_outcome where order_id = ? and version = 0", orderId);
    }

    public Optional<Outcome> current(String orderId) {
        return jdbc.query("select version, state, failure from order_outcome where order_id = ?",
                (rs, i) -> new Outcome(rs.getInt(1), rs.getString(2), rs.getString(3)), orderId).stream().findFirst();
    }

    /** The first outcome newer than {@code seenVersion}, or empty when none arrives within {@code timeoutMs}. */
    public Optional<Outcome> awaitNewerThan(String orderId, int seenVersion, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Object monitor = waiters.computeIfAbsent(orderId, id -> new Object());
        try {
            while (true) {
                Optional<Outcome> outcome = current(orderId).filter(o -> o.version() > seenVersion);
                long left = deadline - System.nanoTime();
                if (outcome.isPresent() || left <= 0) {
                    return outcome;
                }
                synchronized (monitor) {
                    monitor.wait(Math.max(1, Math.min(POLL_MS, TimeUnit.NANOSECONDS.toMillis(left))));
                }
            }
        } finally {
            waiters.remove(orderId, monitor);
        }
    }

    private void wakeAfterCommit(String orderId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake(orderId);
                }
            });
        } else {
            wake(orderId);
        }
    }

    private void wake(String orderId) {
        Object monitor = waiters.get(orderId);
        if (monitor != null) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }
}
