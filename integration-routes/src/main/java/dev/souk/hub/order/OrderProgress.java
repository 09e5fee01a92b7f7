package dev.souk.hub.order;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

import dev.souk.hub.process.BusinessFailure;
import dev.souk.hub.process.StepReports;

/**
 * How an HTTP command learns what became of the order it handed to the process, on this node: the engine's own
 * signals — a step's answer, a step's refusal, a milestone of the model reached ({@link OrderMilestones}) — are passed
 * to the commands watching that order once the engine's transaction has committed, so nobody ever sees a step the
 * engine rolls back. Nothing is stored: order-service keeps the order, the engine keeps where its process is, and a
 * command watching an order whose job runs on another node asks the engine instead ({@link OrderProcess}).
 */
@Component
public class OrderProgress implements StepReports {

    /** One thing that happened to an order's process: a stage reached, an answer, or a refusal. */
    public record Signal(OrderStage stage, String order, BusinessFailure refusal) {

        static Signal of(OrderStage stage) {
            return new Signal(stage, null, null);
        }
    }

    private final ConcurrentMap<String, Set<Watch>> watches = new ConcurrentHashMap<>();

    /** Starts listening to {@code orderId}; signals committed from now on reach the watch. Close it when done. */
    public Watch watch(String orderId) {
        Watch watch = new Watch(orderId);
        watches.computeIfAbsent(orderId, id -> ConcurrentHashMap.newKeySet()).add(watch);
        return watch;
    }

    /** Called by the model's milestones, inside the engine's transaction. */
    void reached(DelegateExecution execution) {
        OrderStage stage = OrderStage.ofMilestone(execution.getCurrentActivityId());
        if (stage != null) {
            afterCommit(execution.getProcessBusinessKey(), Signal.of(stage));
        }
    }

    @Override
    public void answered(String orderId, String answer) {
        afterCommit(orderId, new Signal(null, answer, null));
    }

    @Override
    public void refused(String orderId, BusinessFailure refusal) {
        afterCommit(orderId, new Signal(null, null, refusal));
    }

    private void afterCommit(String orderId, Signal signal) {
        if (orderId == null || !watches.containsKey(orderId)) {
            return; // nobody on this node waits for this order
        }
        Context.getCommandContext().getTransactionContext()
                .addTransactionListener(TransactionState.COMMITTED, committed -> deliver(orderId, signal));
    }

    private void deliver(String orderId, Signal signal) {
        Set<Watch> watching = watches.get(orderId);
        if (watching != null) {
            watching.forEach(watch -> watch.signals.add(signal));
        }
    }

    /** The signals of one order, for one command. */
    public final class Watch implements AutoCloseable {

        private final String orderId;
        private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();

        private Watch(String orderId) {
            this.orderId = orderId;
        }

        /** The next signal, or null when none comes within {@code millis}. */
        Signal next(long millis) throws InterruptedException {
            return signals.poll(millis, TimeUnit.MILLISECONDS);
        }

        /** Drops the signals heard so far. */
        void forget() {
            signals.clear();
        }

        @Override
        public void close() {
            watches.computeIfPresent(orderId, (id, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
        }
    }
}
