package dev.souk.hub.order;

import java.util.Set;

/**
 * The names in the order process model ({@code bpmn/order-lifecycle.bpmn}) that the hub relies on: the process, the
 * messages it waits for, and the points where an order comes to rest. {@code OrderLifecycleModelTests} checks every
 * one of them against the model.
 */
public final class OrderLifecycle {

    public static final String PROCESS = "Process_OrderLifecycle";

    public static final String CONFIRM_REQUESTED = "OrderConfirmRequested";
    public static final String CANCEL_REQUESTED = "OrderCancelRequested";
    public static final String SHIPMENT_DELIVERED = "ShipmentDelivered";

    /** Waiting for payment, cancellation or the end of the payment window (an event-based gateway). */
    public static final String AWAITING_PAYMENT = "Gateway_AwaitPayment";
    /** Paid and confirmed; fulfilment follows in a job of its own. */
    public static final String ORDER_CONFIRMED = "Event_OrderConfirmed";
    /** Fulfilled, waiting for the delivery or a cancellation (an event-based gateway). */
    public static final String AWAITING_DELIVERY = "Gateway_AwaitDelivery";
    public static final Set<String> ENDS = Set.of("End_OrderCompleted", "End_OrderCancelled", "End_OrderRejected",
            "End_OutOfStock");

    /** The job after the confirmation: an order whose process waits here is paid. */
    static final String FULFIL_ORDER_TASK = "Task_FulfilOrder";

    private OrderLifecycle() {
    }
}
