package dev.souk.hub.security;

import org.apache.camel.Exchange;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import dev.souk.hub.downstream.ServiceCallRoutes;
import dev.souk.hub.errors.DownstreamUnavailableException;
import dev.souk.security.ServiceTokens;
import dev.souk.security.ServiceTokens.ServiceTokenUnavailableException;

/**
 * Calls from the hub to a service carry the hub's own SERVICE token, never the end user's (the guarded call route
 * sends nothing of the incoming request; {@code X-User-Id}, when a route names it, is the user the hub acts for). A
 * service answering 401 makes the hub fetch a new token for the next call.
 */
@Component("serviceAuthorization")
public class ServiceAuthorization {

    private final ServiceTokens tokens;

    public ServiceAuthorization(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    /** Before a call: the hub's SERVICE token. */
    public void apply(Exchange exchange) {
        try {
            exchange.getMessage().setHeader(HttpHeaders.AUTHORIZATION, tokens.authorizationHeader());
        } catch (ServiceTokenUnavailableException e) {
            throw new DownstreamUnavailableException("auth-service", e.getMessage(), e);
        }
    }

    /** After a call: a 401 means the token was refused (expired or signed by a retired key); the call failed. */
    public void checkAccepted(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && status == 401) {
            tokens.invalidate();
            String service = exchange.getProperty(ServiceCallRoutes.SERVICE, String.class);
            throw new DownstreamUnavailableException(service, service + " refused the hub's service token");
        }
    }
}
