package dev.souk.security;

import dev.souk.contracts.ProblemCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;

import java.io.IOException;

/**
 * CORS as Spring checks it, with the refusal answered like every other error: 403 problem+json ORIGIN_NOT_ALLOWED.
 * A request a browser sends from a page of another origin that is not configured is refused before it reaches
 * anything, which is also what keeps a foreign page from using the operator's cached sign-in on the engine REST API,
 * Jolokia or actuator endpoints.
 */
final class ProblemCorsProcessor extends DefaultCorsProcessor {

    private final ProblemSecurityHandlers handlers;

    ProblemCorsProcessor(ProblemSecurityHandlers handlers) {
        this.handlers = handlers;
    }

    @Override
    public boolean processRequest(CorsConfiguration configuration, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (super.processRequest(configuration, request, response)) {
            return true;
        }
        handlers.write(request, response, HttpStatus.FORBIDDEN, ProblemCodes.ORIGIN_NOT_ALLOWED,
                "Pages of origin " + request.getHeader("Origin") + " may not call this application.");
        return false;
    }

    /** Leaves the answer to {@link #processRequest}, which knows the request. */
    @Override
    protected void rejectRequest(ServerHttpResponse response) {
    }
}
