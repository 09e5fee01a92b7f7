package dev.souk.security.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.contracts.ProblemCodes;

/**
 * The one shape of an error answered outside a controller (filters, the error page, the container itself): RFC 9457
 * problem+json with the platform's {@code type} and stable {@code code}.
 */
public final class ProblemJson {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemJson() {
    }

    public static Map<String, Object> body(int status, String code, String title, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemCodes.typeOf(code));
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        problem.put("code", code);
        return problem;
    }

    /** Writes the problem unless the response is already committed (then there is nothing left to say). */
    public static void write(HttpServletResponse response, int status, String code, String title, String detail,
                             String instance) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        // JSON is UTF-8 by definition (RFC 8259): Jackson writes UTF-8 bytes, and no charset parameter is needed
        response.setContentType(MEDIA_TYPE);
        JSON.writeValue(response.getOutputStream(), body(status, code, title, detail, instance));
    }
}
