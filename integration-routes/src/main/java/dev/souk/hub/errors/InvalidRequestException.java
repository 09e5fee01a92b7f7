package dev.souk.hub.errors;

/** The client's request is malformed: 400 VALIDATION_FAILED. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
