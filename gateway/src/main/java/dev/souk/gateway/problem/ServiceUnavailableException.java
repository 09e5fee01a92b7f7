package dev.souk.gateway.problem;

/** The service behind a route cannot be reached: no instance known, connection refused, or no answer in time. */
public class ServiceUnavailableException extends RuntimeException {

    private final String serviceId;

    public ServiceUnavailableException(String serviceId, String message) {
        super(message);
        this.serviceId = serviceId;
    }

    public String getServiceId() {
        return serviceId;
    }
}
