package dev.souk.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.contracts.ProblemCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 401 and 403 as problem+json, like every other error of the platform: 401 UNAUTHENTICATED with a
 * {@code WWW-Authenticate: Bearer} challenge (the reason is given, the token is never echoed), 403 FORBIDDEN.
 */
public final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;
    private final boolean basicChallenge;

    public ProblemSecurityHandlers(ObjectMapper json, boolean basicChallenge) {
        this.json = json;
        this.basicChallenge = basicChallenge;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
        boolean badToken = failure instanceof InvalidBearerTokenException;
        String challenge = badToken
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
                : "Bearer";
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        if (basicChallenge && isOperations(request)) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"souk\"");
        }
        write(request, response, HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHENTICATED,
                badToken ? "The access token is invalid or expired; log in again or refresh it."
                        : "This request needs an access token: send Authorization: Bearer <token> (POST /api/auth/login).");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "The caller's roles do not allow this request.");
    }

    private static boolean isOperations(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemCodes.typeOf(code));
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.put("code", code);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
