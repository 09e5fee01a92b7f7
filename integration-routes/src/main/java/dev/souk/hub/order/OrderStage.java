package dev.souk.hub.order;

import java.util.Collection;

/** Where an order's process is, as far as a command waiting on it cares. */
public enum OrderStage {

    /** Between two steps: a job is pending or running. */
    BUSY,
    AWAITING_PAYMENT,
    /** Paid and confirmed, being fulfilled. */
    CONFIRMED,
    AWAITING_DELIVERY,
    /** The process is over (or never was): order-service's record tells how it ended. */
    ENDED;

    /** The stage a milestone of the model stands for; null for any other activity. */
    static OrderStage ofMilestone(String activityId) {
        if (OrderLifecycle.AWAITING_PAYMENT.equals(activityId)) {
            return AWAITING_PAYMENT;
        }
        if (OrderLifecycle.ORDER_CONFIRMED.equals(activityId)) {
            return CONFIRMED;
        }
        if (OrderLifecycle.AWAITING_DELIVERY.equals(activityId)) {
            return AWAITING_DELIVERY;
        }
        return OrderLifecycle.ENDS.contains(activityId) ? ENDED : null;
    }

    /**
     * The stage of a running process from its active activities, as the engine reports them: a process waiting at an
     * event-based gateway is active there; one whose next job is fulfilment is paid.
     */
    static OrderStage ofActiveActivities(Collection<String> activityIds) {
        if (activityIds.contains(OrderLifecycle.AWAITING_PAYMENT)) {
            return AWAITING_PAYMENT;
        }
        if (activityIds.contains(OrderLifecycle.AWAITING_DELIVERY)) {
            return AWAITING_DELIVERY;
        }
        return activityIds.contains(OrderLifecycle.FULFIL_ORDER_TASK) ? CONFIRMED : BUSY;
    }

    boolean paid() {
        return this == CONFIRMED || this == AWAITING_DELIVERY;
    }
}
