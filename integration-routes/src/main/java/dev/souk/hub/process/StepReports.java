package dev.souk.hub.process;

/**
 * Who hears what a process step answered or why it was refused, once the engine's transaction commits — e.g. an
 * HTTP caller waiting for its order. Called inside the engine's command; implementations defer delivery to its commit.
 */
public interface StepReports {

    /** The service a step called answered with {@code answer} (e.g. the order as order-service now has it). */
    void answered(String businessKey, String answer);

    /** A step was refused for a business reason; the model goes on with the matching error path. */
    void refused(String businessKey, BusinessFailure refusal);
}
