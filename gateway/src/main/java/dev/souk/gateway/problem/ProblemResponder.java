package dev.souk.gateway.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.contracts.ProblemCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.io.IOException;

/** Writes problem+json answers of the edge straight to the servlet response (filters and Camel routes alike). */
@Component
public class ProblemResponder {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponder.class);

    private final ObjectMapper objectMapper;

    public ProblemResponder(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, Problem.of(404, "Not Found", ProblemCodes.NOT_FOUND,
                "No API is routed at " + request.getRequestURI(), request.getRequestURI()), 0);
    }

    public void serviceUnavailable(HttpServletRequest request, HttpServletResponse response, String serviceId,
                                   String reason, int retryAfterSeconds) throws IOException {
        write(request, response, Problem.of(503, "Service Unavailable", ProblemCodes.SERVICE_UNAVAILABLE,
                "Service '" + serviceId + "' is unavailable: " + reason, request.getRequestURI()), retryAfterSeconds);
    }

    public void internalError(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, Problem.of(500, "Internal Server Error", ProblemCodes.INTERNAL_ERROR,
                "The gateway could not handle the request", request.getRequestURI()), 0);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, Problem problem, int retryAfterSeconds)
            throws IOException {
        if (response.isCommitted()) {
            // the upstream answer is already on its way; all that is left is to cut it short
            log.warn("Cannot answer {} {} with {}: response already committed", request.getMethod(),
                    request.getRequestURI(), problem.code());
            return;
        }
        response.reset();
        response.setStatus(problem.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (retryAfterSeconds > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        byte[] body = objectMapper.writeValueAsBytes(problem);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
