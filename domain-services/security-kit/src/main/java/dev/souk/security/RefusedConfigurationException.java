package dev.souk.security;

/**
 * An app refuses to start with a setting that would leave it open: {@link #getMessage()} says what is wrong in one
 * sentence, {@link #action()} what to change. {@link RefusedConfigurationFailureAnalyzer} prints both instead of a
 * stack trace.
 */
public class RefusedConfigurationException extends RuntimeException {

    private final String action;

    public RefusedConfigurationException(String problem, String action) {
        super(problem);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
