package dev.souk.stack.faults;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every order the shop accepted during a scenario, and what the buyer was told. */
final class Ledger {

    record Entry(String orderId, String userId, int quantity, int placedStatus) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    void accepted(String orderId, String userId, int quantity, int placedStatus) {
        entries.add(new Entry(orderId, userId, quantity, placedStatus));
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }
}
