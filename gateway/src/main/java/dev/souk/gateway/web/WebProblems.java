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
import java.util.Locale;

/** Errors of the gateway's own pages (the map, unknown non-API paths) as problem+json with a stable code. */
@RestControllerAdvice
public class WebProblems extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            String code = switch (status.value()) {
                case 404 -> ProblemCodes.NOT_FOUND;
                case 405 -> ProblemCodes.METHOD_NOT_ALLOWED;
                case 406 -> ProblemCodes.NOT_ACCEPTABLE;
                case 413 -> ProblemCodes.PAYLOAD_TOO_LARGE;
                case 415 -> ProblemCodes.UNSUPPORTED_MEDIA_TYPE;
                case 503 -> ProblemCodes.SERVICE_UNAVAILABLE;
                default -> status.is4xxClientError() ? ProblemCodes.VALIDATION_FAILED : ProblemCodes.INTERNAL_ERROR;
            };
            problem.setType(URI.create(Problem.TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-')));
            problem.setProperty("code", code);
        }
        return super.createResponseEntity(body, headers, status, request);
    }
}
