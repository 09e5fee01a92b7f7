package dev.souk.hub.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/** A refusal with its own status, stable code and extension members (e.g. {@code shortItems}), answered as problem+json. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> members = new LinkedHashMap<>();
    private Integer retryAfterSeconds;

    public ProblemException(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public ProblemException with(String name, Object value) {
        if (value != null) {
            members.put(name, value);
        }
        return this;
    }

    public ProblemException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> members() {
        return members;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
