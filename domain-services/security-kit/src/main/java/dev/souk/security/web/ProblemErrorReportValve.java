package dev.souk.security.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.contracts.ProblemCodes;

/**
 * Tomcat's own error answers — requests it rejects before any application code runs, such as an encoded {@code /} in
 * a path or a malformed request line — as problem+json instead of Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        String title = resolved == null ? "Error" : resolved.getReasonPhrase();
        String detail = status == 400 ? "The request could not be understood (malformed request line, path or headers)."
                : status >= 500 ? "The request could not be processed." : title + ".";
        try {
            response.setContentType(ProblemJson.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(ProblemJson.body(status, ProblemCodes.forStatus(status), title, detail,
                        null)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the connection is gone or the response was taken over: nothing more can be said
        }
    }
}
