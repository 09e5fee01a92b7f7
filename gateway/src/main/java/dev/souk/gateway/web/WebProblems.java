package dev.souk.gateway.web;

import dev.souk.contracts.ProblemCodes;
import dev.souk.gateway.problem.Problem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;

/** Errors of the gateway's own pages (the map, unknown non-API paths) as problem+json with a stable code. */
@RestControllerAdvice
public class WebProblems extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            String code = ProblemCodes.forStatus(status.value());
            problem.setType(URI.create(ProblemCodes.typeOf(code)));
            problem.setProperty("code", code);
        }
        return super.createResponseEntity(body, headers, status, request);
    }
}
