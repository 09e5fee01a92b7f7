package dev.souk.hub.order;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

import dev.souk.contracts.ProblemCodes;
import dev.souk.hub.errors.ProblemException;

/**
 * One placement at a time per customer: the unpaid-orders cap is checked and the order placed within the customer's
 * turn, so a burst of parallel orders cannot all pass the check before any of them exists. Different customers
 * never wait for each other; a user's lock is dropped as soon as nobody holds or waits for it.
 */
@Component
public class PlacementTurns {

    private final ConcurrentHashMap<String, Turn> turns = new ConcurrentHashMap<>();
    private final OrderProcessSettings settings;

    public PlacementTurns(OrderProcessSettings settings) {
        this.settings = settings;
    }

    @FunctionalInterface
    public interface Placement {
        void run() throws InterruptedException;
    }

    public void inTurnOf(String userId, Placement placement) throws InterruptedException {
        Turn turn = turns.compute(userId, (id, existing) -> (existing == null ? new Turn() : existing).join());
        try {
            // a placement holds the turn at most about one response timeout; waiting longer than that means a queue
            if (!turn.lock.tryLock(settings.getResponseTimeoutMs(), TimeUnit.MILLISECONDS)) {
                throw new ProblemException(429, ProblemCodes.RATE_LIMITED,
                        "Another order of user " + userId + " is still being placed; try again shortly.").retryAfter(1);
            }
            try {
                placement.run();
            } finally {
                turn.lock.unlock();
            }
        } finally {
            turns.computeIfPresent(userId, (id, existing) -> existing.leave() == 0 ? null : existing);
        }
    }

    private static final class Turn {
        private final ReentrantLock lock = new ReentrantLock();
        private int users;

        // both called inside ConcurrentHashMap.compute for this key, so never at the same time
        Turn join() {
            users++;
            return this;
        }

        int leave() {
            return --users;
        }
    }
}
