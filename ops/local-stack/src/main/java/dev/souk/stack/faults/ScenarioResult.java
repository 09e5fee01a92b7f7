package dev.souk.stack.faults;

import java.util.Map;

/**
 * What one scenario left behind, once the stack settled: every order the buyers started, by where it ended up, and the
 * counts that must be zero.
 *
 * @param started           orders the shop accepted (201 or 202)
 * @param completed         paid (CONFIRMED or COMPLETED)
 * @param cancelled         cancelled, out of stock or refused after acceptance
 * @param running           still open for a reason: awaiting payment, a step being retried, or an incident in Cockpit
 * @param reasons           how many orders are running for each reason
 * @param stuck             neither at rest nor retrying nor with an incident, or accepted and then lost: must be 0
 * @param oversold          units sold beyond the stock there was, or stock below zero: must be 0
 * @param doubleCharges     second charges of an order, or refunds of an order that was not cancelled: must be 0
 * @param deliveryErrors    paid orders without a shipment, or cancelled ones with a live shipment: must be 0
 * @param notificationErrors notifications sent twice for one event of one order: must be 0
 * @param recoverySeconds   from the end of the fault until a new order is placed and paid again
 */
record ScenarioResult(String scenario, String description, int started, int completed, int cancelled, int running,
                      Map<String, Integer> reasons, int stuck, int oversold, int doubleCharges, int deliveryErrors,
                      int notificationErrors, double recoverySeconds) {

    /** Whether every count that must be zero is. */
    boolean clean() {
        return stuck == 0 && oversold == 0 && doubleCharges == 0 && deliveryErrors == 0 && notificationErrors == 0;
    }
}
