package dev.souk.hub.process;

import dev.souk.hub.errors.ProblemException;

/**
 * A step of a process failed for a business reason (out of stock, payment declined, ...). The Camel bridge turns it
 * into a {@code BpmnError} with {@link #code()}, so the model decides what happens next; the problem it describes
 * (status, code, detail, extension members) is what the HTTP caller waiting on the order is answered.
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
}
