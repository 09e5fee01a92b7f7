package dev.souk.hub.order;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.api.OrderAccepted;
import dev.souk.contracts.api.PlaceOrder;
import dev.souk.hub.errors.ProblemException;
import dev.souk.hub.order.OrderProgress.Signal;
import dev.souk.hub.order.OrderProgress.Watch;
import dev.souk.hub.security.HubCaller;

/**
 * The order commands as the engine sees them: a placement starts the order's process, a payment or a cancellation is
 * a message to it; each then waits for the process to come to rest and says what the HTTP caller is answered — or
 * 202 Accepted when that takes longer than {@code souk.order.response-timeout-ms} (e.g. while the engine retries a
 * payment provider that is down).
 *
 * <p>Waiting uses the engine's own signals ({@link OrderProgress}); in case the job runs on another node, a command
 * also asks the engine every {@link #POLL_MS} ms where the process is. Once a process is over, order-service's record
 * says how it ended ({@link Answer#fromRecord()}).
 */
@Component("orderProcess")
public class OrderProcess {

    /**
     * How often a waiting command asks the engine itself, in case the process moves on another node; on this node
     * the engine's signals wake it at once.
     */
    static final long POLL_MS = 1000;
    private static final int BUSY_RETRY_AFTER_SECONDS = 1;
    /** How often a message is delivered when it fails while the process still waits for it. */
    private static final int DELIVERY_ATTEMPTS = 3;

    /** What the caller is answered: the order with a status, 202 Accepted, or the order as order-service has it. */
    public record Answer(int status, String order, OrderAccepted accepted) {

        static Answer order(int status, String order) {
            return order == null ? fromRecord() : new Answer(status, order, null);
        }

        static Answer accepted(String orderId, String status, String detail) {
            return new Answer(202, null, new OrderAccepted(orderId, status, detail));
        }

        /** The process is past the point the command leads to: the record of the order is the answer. */
        static Answer fromRecord() {
            return new Answer(0, null, null);
        }

        public boolean needsRecord() {
            return status == 0;
        }
    }

    private final RuntimeService runtime;
    private final OrderProgress progress;
    private final OrderProcessSettings settings;
    private final ObjectMapper json;

    public OrderProcess(RuntimeService runtime, OrderProgress progress, OrderProcessSettings settings, ObjectMapper json) {
        this.runtime = runtime;
        this.progress = progress;
        this.settings = settings;
        this.json = json;
    }

    /**
     * Starts the process of order {@code orderId} and waits until its stock is reserved (201 with the order) or it is
     * refused (the refusal is thrown). A second placement of the same order id — a double click on checkout — is
     * rolled back as soon as order-service says it has the order ({@link #requireFirstPlacement}) and answers like the
     * first.
     */
    public Answer place(String orderId, PlaceOrder order, HubCaller caller) throws InterruptedException {
        long deadline = deadline();
        try (Watch watch = progress.watch(orderId)) {
            try {
                runtime.startProcessInstanceByKey(OrderLifecycle.PROCESS, orderId, variables(order, caller));
            } catch (RuntimeException failed) {
                if (!(rootCause(failed) instanceof OrderAlreadyPlacedException)) {
                    throw failed;
                }
            }
            return awaitPlacement(orderId, watch, deadline);
        }
    }

    private Answer awaitPlacement(String orderId, Watch watch, long deadline) throws InterruptedException {
        Waiting waiting = new Waiting(orderId, watch, OrderStage.BUSY);
        for (Signal signal = waiting.next(deadline); signal != null; signal = waiting.next(deadline)) {
            if (signal.stage() == null || signal.stage() == OrderStage.BUSY) {
                continue;
            }
            if (signal.stage() == OrderStage.ENDED) {
                if (waiting.refusal != null) {
                    throw waiting.refusal;
                }
                return Answer.fromRecord();
            }
            return Answer.order(201, waiting.order);
        }
        return Answer.accepted(orderId, "PROCESSING",
                "The order is being placed; GET /api/orders/" + orderId + " shows the result.");
    }

    /**
     * Pays for order {@code orderId} ({@code paymentMethodId} may be null: the one given at placement). 200 with the
     * confirmed order; a declined payment is thrown (402, the order stays payable); an order paid already is answered
     * from the record.
     */
    public Answer confirm(String orderId, String paymentMethodId) throws InterruptedException {
        Map<String, Object> variables = new HashMap<>();
        if (paymentMethodId != null) {
            variables.put("paymentMethodId", paymentMethodId);
        }
        long deadline = deadline();
        try (Watch watch = progress.watch(orderId)) {
            // most orders wait for exactly this: deliver it first, ask where the process is only when that fails
            if (correlate(OrderLifecycle.CONFIRM_REQUESTED, orderId, variables, watch)) {
                return awaitPayment(orderId, new Waiting(orderId, watch, OrderStage.BUSY), deadline);
            }
            OrderStage stage = stageOf(orderId);
            Waiting waiting = new Waiting(orderId, watch, stage);
            while (true) {
                if (stage.paid() || stage == OrderStage.ENDED) {
                    return Answer.fromRecord();
                }
                if (stage == OrderStage.AWAITING_PAYMENT && correlate(OrderLifecycle.CONFIRM_REQUESTED, orderId, variables, watch)) {
                    return awaitPayment(orderId, new Waiting(orderId, watch, OrderStage.BUSY), deadline);
                }
                stage = waiting.nextStage(deadline, orderId);
            }
        }
    }

    private Answer awaitPayment(String orderId, Waiting waiting, long deadline) throws InterruptedException {
        for (Signal signal = waiting.next(deadline); signal != null; signal = waiting.next(deadline)) {
            OrderStage stage = signal.stage();
            if (stage == null || stage == OrderStage.BUSY) {
                continue;
            }
            if (stage.paid()) {
                return Answer.order(200, waiting.order);
            }
            if (stage == OrderStage.AWAITING_PAYMENT) {
                throw waiting.refusal != null ? waiting.refusal : new ProblemException(402, ProblemCodes.PAYMENT_DECLINED,
                        "The payment was declined; GET /api/payments?orderId=" + orderId + " shows why.");
            }
            return Answer.fromRecord();
        }
        return Answer.accepted(orderId, "PAYMENT_PENDING",
                "The payment is being processed; GET /api/orders/" + orderId + " shows the result.");
    }

    /**
     * Cancels order {@code orderId}: before payment the stock is released, after payment the payment is refunded too;
     * a shipped order is refused (409 ORDER_NOT_CANCELLABLE). 200 with the cancelled order.
     */
    public Answer cancel(String orderId, String reason) throws InterruptedException {
        long deadline = deadline();
        Map<String, Object> variables = Map.of("cancelReason", reason);
        try (Watch watch = progress.watch(orderId)) {
            if (correlate(OrderLifecycle.CANCEL_REQUESTED, orderId, variables, watch)) {
                return awaitCancellation(orderId, new Waiting(orderId, watch, OrderStage.BUSY), deadline);
            }
            OrderStage stage = stageOf(orderId);
            Waiting waiting = new Waiting(orderId, watch, stage);
            while (true) {
                if (stage == OrderStage.ENDED) {
                    return Answer.fromRecord();
                }
                if ((stage == OrderStage.AWAITING_PAYMENT || stage == OrderStage.AWAITING_DELIVERY)
                        && correlate(OrderLifecycle.CANCEL_REQUESTED, orderId, variables, watch)) {
                    return awaitCancellation(orderId, new Waiting(orderId, watch, OrderStage.BUSY), deadline);
                }
                stage = waiting.nextStage(deadline, orderId);
            }
        }
    }

    private Answer awaitCancellation(String orderId, Waiting waiting, long deadline) throws InterruptedException {
        for (Signal signal = waiting.next(deadline); signal != null; signal = waiting.next(deadline)) {
            OrderStage stage = signal.stage();
            if (stage == OrderStage.ENDED) {
                return Answer.order(200, waiting.order);
            }
            if (stage == OrderStage.AWAITING_DELIVERY) {
                throw waiting.refusal != null ? waiting.refusal : notCancellable(orderId);
            }
        }
        return Answer.accepted(orderId, "CANCELLING",
                "The order is being cancelled; GET /api/orders/" + orderId + " shows the result.");
    }

    /** A delivered shipment moves the order on; false when its process is not waiting for one. */
    public boolean shipmentDelivered(String orderId) {
        return correlate(OrderLifecycle.SHIPMENT_DELIVERED, orderId, Map.of(), null);
    }

    /** Whether an order process for {@code orderId} is running. */
    public boolean running(String orderId) {
        return processOf(orderId) != null;
    }

    /**
     * Called by the create-order step when order-service already had the order: another process placed it (a double
     * click), so this one must not exist. Thrown inside the starting transaction, nothing of it is kept.
     */
    public void requireFirstPlacement(String orderId) {
        if (runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).count() > 0) {
            throw new OrderAlreadyPlacedException(orderId);
        }
    }

    // ---- the engine -------------------------------------------------------------------------------------------

    /** Where the process of {@code orderId} is, as the engine has it now. */
    OrderStage stageOf(String orderId) {
        ProcessInstance process = processOf(orderId);
        if (process == null) {
            return OrderStage.ENDED;
        }
        try {
            List<String> active = runtime.getActiveActivityIds(process.getId());
            return OrderStage.ofActiveActivities(active);
        } catch (ProcessEngineException ended) {
            // the process ended between the two reads (a parallel command finished it): "list of executions is empty"
            if (processOf(orderId) == null) {
                return OrderStage.ENDED;
            }
            throw ended;
        }
    }

    private ProcessInstance processOf(String orderId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(OrderLifecycle.PROCESS)
                .processInstanceBusinessKey(orderId).singleResult();
    }

    /**
     * Delivers a message to the order's process; false when the process is not waiting for it right now — also when a
     * parallel command for the same order got there first (the engine refuses this one), so the caller waits for the
     * order to come to rest and answers from there. {@code watch} (null when nobody waits) forgets what it heard
     * before each delivery.
     */
    private boolean correlate(String message, String orderId, Map<String, Object> variables, Watch watch) {
        for (int attempt = 1; ; attempt++) {
            try {
                // what the watch heard so far happened before this message: read after it, a stage reached earlier
                // would pass for the process's answer to it (a stale "awaiting payment" for a declined payment, say)
                if (watch != null) {
                    watch.forget();
                }
                runtime.createMessageCorrelation(message).processInstanceBusinessKey(orderId).setVariables(variables)
                        .correlateWithResult();
                return true;
            } catch (MismatchingMessageCorrelationException | OptimisticLockingException notWaiting) {
                return false;
            } catch (RuntimeException failed) {
                // a parallel command can also win while the engine delivers this one: it then fails on the execution
                // tree the winner changed under it ("execution ... does not have a subscription to a message event",
                // or even a NullPointerException in the engine's own tree walk). Not waiting any more is the same
                // answer as above; waiting again (a declined payment in between), the message is delivered anew.
                if (!waitsFor(message, orderId)) {
                    return false;
                }
                if (attempt == DELIVERY_ATTEMPTS) {
                    throw failed;
                }
            }
        }
    }

    private boolean waitsFor(String message, String orderId) {
        return runtime.createExecutionQuery().processDefinitionKey(OrderLifecycle.PROCESS)
                .processInstanceBusinessKey(orderId).messageEventSubscriptionName(message).count() > 0;
    }

    /**
     * The placement as process variables. What only the steps of the placement's own transaction need (the lines as
     * ordered, whether the customer is capped) is transient: it is never written to the engine's database.
     */
    private VariableMap variables(PlaceOrder order, HubCaller caller) {
        try {
            return Variables.createVariables()
                    .putValue("userId", order.userId())
                    .putValue("shippingAddress", order.shippingAddress())
                    .putValue("paymentMethodId", order.paymentMethodId())
                    .putValueTyped("items", Variables.stringValue(json.writeValueAsString(order.items()), true))
                    // nobody may hoard stock: a customer's unpaid orders are capped (order-service counts them); staff are not
                    .putValueTyped("capOpenOrders", Variables.booleanValue(!caller.isPrivileged(), true));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- waiting ----------------------------------------------------------------------------------------------

    private long deadline() {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.getResponseTimeoutMs());
    }

    private static ProblemException notCancellable(String orderId) {
        return new ProblemException(409, ProblemCodes.ORDER_NOT_CANCELLABLE,
                "Order " + orderId + " has shipped or is delivered and can no longer be cancelled.");
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof OrderAlreadyPlacedException) {
                return cause;
            }
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * The signals of one order for one command, with what they told so far (the latest order answer, the latest
     * refusal). Without a signal for {@link #POLL_MS} it asks the engine, and passes a stage on only when it differs
     * from the last one seen, so a command never acts twice on one state.
     */
    private final class Waiting {

        private final String orderId;
        private final Watch watch;
        private OrderStage lastSeen;
        private String order;
        private ProblemException refusal;

        Waiting(String orderId, Watch watch, OrderStage lastSeen) {
            this.orderId = orderId;
            this.watch = watch;
            this.lastSeen = lastSeen;
        }

        /** The next signal, or null at the deadline. */
        Signal next(long deadline) throws InterruptedException {
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return null;
                }
                Signal signal = watch.next(Math.min(left, POLL_MS));
                if (signal != null) {
                    order = signal.order() != null ? signal.order() : order;
                    refusal = signal.refusal() != null ? signal.refusal() : refusal;
                    lastSeen = signal.stage() != null ? signal.stage() : lastSeen;
                    return signal;
                }
                OrderStage stage = stageOf(orderId);
                if (stage != lastSeen) {
                    lastSeen = stage;
                    return Signal.of(stage);
                }
            }
        }

        /** The next stage the order reaches; 409 ORDER_BUSY when it does not come to rest before the deadline. */
        OrderStage nextStage(long deadline, String orderId) throws InterruptedException {
            for (Signal signal = next(deadline); signal != null; signal = next(deadline)) {
                if (signal.stage() != null) {
                    return signal.stage();
                }
            }
            throw new ProblemException(409, ProblemCodes.ORDER_BUSY,
                    "Order " + orderId + " is between two steps; retry in a moment.").retryAfter(BUSY_RETRY_AFTER_SECONDS);
        }
    }
}
