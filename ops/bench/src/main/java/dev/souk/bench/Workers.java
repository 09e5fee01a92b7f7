package dev.souk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/** Runs a fixed number of worker threads and waits for them, never past a deadline. */
final class Workers {

    private Workers() {
    }

    /** @return true when all workers finished before {@code deadlineNanos} */
    static boolean runAll(String name, int count, IntConsumer body, long deadlineNanos) {
        List<Thread> threads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            Thread thread = new Thread(() -> body.accept(index), name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        boolean all = true;
        for (Thread thread : threads) {
            try {
                long left = PhaseWindow.nanosUntil(deadlineNanos);
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(thread, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                thread.interrupt();
                all = false;
            }
        }
        return all;
    }
}
