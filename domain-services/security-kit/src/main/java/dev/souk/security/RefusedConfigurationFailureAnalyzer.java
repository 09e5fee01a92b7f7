package dev.souk.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up refused for an unsafe setting: the operator reads the sentence and the fix, not a stack trace. */
public class RefusedConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<RefusedConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RefusedConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), null);
    }
}
