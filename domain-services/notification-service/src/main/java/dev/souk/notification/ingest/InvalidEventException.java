package dev.souk.notification.ingest;

import java.util.List;
import java.util.Map;

/** An event of a known type that lacks what its type promises: nothing is applied, the hub dead-letters it. */
public class InvalidEventException extends RuntimeException {

    private final List<Map<String, String>> errors;

    public InvalidEventException(String message, List<Map<String, String>> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<Map<String, String>> errors() {
        return errors;
    }
}
