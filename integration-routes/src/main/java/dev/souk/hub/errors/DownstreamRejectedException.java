package dev.souk.hub.errors;

/** A downstream service refused a request the hub built (a 4xx other than 404): 502, it is the hub's fault. */
public class DownstreamRejectedException extends RuntimeException {

    public DownstreamRejectedException(String message) {
        super(message);
    }
}
