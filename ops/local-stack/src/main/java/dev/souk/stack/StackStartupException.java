package dev.souk.stack;

/** The stack could not be started; everything that had started has been stopped again. */
public class StackStartupException extends RuntimeException {

    private final String app;
    private final String logTail;

    public StackStartupException(String app, String message, String logTail) {
        super(message);
        this.app = app;
        this.logTail = logTail;
    }

    /** The app that failed, or null when the failure was not an app's (missing jars, busy ports, broker). */
    public String app() {
        return app;
    }

    /** The end of the failed app's log, or null. */
    public String logTail() {
        return logTail;
    }
}
