package dev.souk.hub.errors;

/** A downstream service cannot answer now (not running, failing, too slow): 503 with Retry-After. */
public class DownstreamUnavailableException extends RuntimeException {

    private final String serviceId;

    public DownstreamUnavailableException(String serviceId, String message) {
        super(message);
        this.serviceId = serviceId;
    }

    public DownstreamUnavailableException(String serviceId, String message, Throwable cause) {
        super(message, cause);
        this.serviceId = serviceId;
    }

    public String serviceId() {
        return serviceId;
    }
}
