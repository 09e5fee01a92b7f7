package dev.souk.hub.errors;

/** The thing a client asked for does not exist downstream: 404. */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String message) {
        super(message);
    }
}
