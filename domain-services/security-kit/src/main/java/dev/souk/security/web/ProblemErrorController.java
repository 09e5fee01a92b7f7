package dev.souk.security.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.souk.contracts.ProblemCodes;

/**
 * Errors that never reach a controller (a filter failed, no handler matched, the container rejected the request) are
 * forwarded to {@code /error}: answered as problem+json, never Boot's default page. Asked for directly, {@code /error}
 * is just a path that does not exist.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus resolved = status instanceof Integer code ? HttpStatus.resolve(code) : null;
        if (resolved == null || status == null) {
            resolved = status == null ? HttpStatus.NOT_FOUND : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemJson.write(response, resolved.value(), ProblemCodes.forStatus(resolved.value()), resolved.getReasonPhrase(),
                detailOf(resolved), uri == null ? request.getRequestURI() : uri.toString());
    }

    private static String detailOf(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "Nothing is here.";
            case METHOD_NOT_ALLOWED -> "This path does not take that method.";
            case PAYLOAD_TOO_LARGE -> "The request body is too large.";
            case BAD_REQUEST -> "The request could not be understood.";
            default -> status.is5xxServerError() ? "The request could not be processed." : status.getReasonPhrase() + ".";
        };
    }
}
