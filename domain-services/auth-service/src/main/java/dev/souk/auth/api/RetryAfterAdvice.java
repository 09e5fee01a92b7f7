package dev.souk.auth.api;

import dev.souk.auth.throttle.TooManyAttemptsException;
import dev.souk.kit.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;

/** A throttled login or registration: 429 problem+json like every other error, and when to try again. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RetryAfterAdvice {

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<ProblemDetail> tooManyAttempts(TooManyAttemptsException ex, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(ex.status(), ex.code(), ex.getMessage());
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(ex.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
                .body(problem);
    }
}
