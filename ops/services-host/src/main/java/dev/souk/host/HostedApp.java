package dev.souk.host;

/**
 * Which hosted service a thread works for. Set on the thread that starts a service's context and inherited by every
 * thread created from there on (its web server's, scheduler's, Kafka client's and connection pool's threads), so the
 * host can tell the services' log lines apart without any service knowing it shares the JVM.
 */
final class HostedApp {

    private static final InheritableThreadLocal<String> CURRENT = new InheritableThreadLocal<>();

    private HostedApp() {
    }

    /** The service the calling thread works for; null for the host's own threads. */
    static String current() {
        return CURRENT.get();
    }

    static void set(String service) {
        CURRENT.set(service);
    }

    static void clear() {
        CURRENT.remove();
    }
}
