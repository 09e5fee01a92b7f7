package dev.souk.hub.order;

/** Another process already placed this order id: the starting one is rolled back and answers like the first. */
class OrderAlreadyPlacedException extends RuntimeException {

    OrderAlreadyPlacedException(String orderId) {
        super("Order " + orderId + " is already being placed by another process");
    }
}
