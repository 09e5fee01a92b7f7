package dev.souk.hub.process;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.souk.hub.errors.ProblemException;

/**
 * A step of a process failed for a business reason (out of stock, payment declined, ...). The Camel bridge turns it
 * into a {@code BpmnError} with {@link #code()}, so the model decides what happens next; the problem it describes
 * (status, code, detail, extension members) is kept for the HTTP caller waiting on the order.
 */
public class BusinessFailure extends ProblemException {

    public BusinessFailure(int status, String code, String detail) {
        super(status, code, detail);
    }

    @Override
    public BusinessFailure with(String name, Object value) {
        super.with(name, value);
        return this;
    }

    /** The problem as the HTTP caller will see it. */
    public Map<String, Object> toProblem() {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", status());
        problem.put("code", code());
        problem.put("detail", getMessage());
        problem.putAll(members());
        return problem;
    }
}
