package dev.souk.hub.errors;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.souk.contracts.ProblemCodes;
import dev.souk.hub.downstream.ServiceCallRoutes;
import dev.souk.hub.security.HubCaller;
import dev.souk.hub.security.InboundHeaderFilter;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

/**
 * How every HTTP-facing route answers a failure: RFC 9457 application/problem+json with a
 * stable {@code code}, never a stack trace. HTTP routes opt in with
 * {@code .routeConfigurationId(ProblemResponses.ID)}; the direct routes they call let
 * exceptions travel back to them.
 */
@Component
public class ProblemResponses extends RouteConfigurationBuilder {

    public static final String ID = "http-problem-responses";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String REQUEST_PATH = "soukRequestPath";

    private final ObjectMapper json;
    private final int retryAfterSeconds;

    public ProblemResponses(ObjectMapper json, @Value("${souk.hub.retry-after-seconds}") int retryAfterSeconds) {
        this.json = json;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition configuration = routeConfiguration(ID);
        // who is asking, from the verified token only; then the request path, before downstream calls replace the headers
        configuration.interceptFrom()
                .process(HubCaller::capture)
                .process(exchange -> exchange.getIn().getHeaders().keySet().removeIf(InboundHeaderFilter::carriesIdentity))
                .setProperty(REQUEST_PATH, header(Exchange.HTTP_PATH));

        configuration.onException(ProblemException.class).handled(true)
                .process(this::refusal);
        configuration.onException(InvalidRequestException.class).handled(true)
                .process(problem(400, ProblemCodes.VALIDATION_FAILED, "Invalid request"));
        // a request body bound to its record: not JSON at all, or JSON of the wrong shape
        configuration.onException(JsonParseException.class).handled(true)
                .process(exchange -> write(exchange, 400, ProblemCodes.MALFORMED_JSON, "Invalid request",
                        "The request body is not valid JSON."));
        configuration.onException(MismatchedInputException.class, ValueInstantiationException.class).handled(true)
                .process(exchange -> write(exchange, 400, ProblemCodes.VALIDATION_FAILED, "Invalid request",
                        mismatch((JsonMappingException) caught(exchange))));
        configuration.onException(ResourceNotFoundException.class).handled(true)
                .process(problem(404, ProblemCodes.NOT_FOUND, "Not found"));
        configuration.onException(DownstreamUnavailableException.class, CallNotPermittedException.class,
                        TimeoutException.class, IOException.class).handled(true)
                .log(LoggingLevel.WARN, "${exchangeProperty." + ServiceCallRoutes.SERVICE
                        + "} unavailable: ${exception.message}")
                .process(unavailable());
        configuration.onException(DownstreamRejectedException.class).handled(true)
                .log(LoggingLevel.ERROR, "${exception.message}")
                .process(problem(502, ProblemCodes.BAD_GATEWAY, "Bad gateway"));
        configuration.onException(Exception.class).handled(true).logHandled(true)
                .process(exchange -> write(exchange, 500, ProblemCodes.INTERNAL_ERROR, "Internal error",
                        "The request could not be processed"));
    }

    private void refusal(Exchange exchange) throws IOException {
        ProblemException refusal = (ProblemException) caught(exchange);
        ObjectNode problem = write(exchange, refusal.status(), refusal.code(), titleOf(refusal.status()), refusal.getMessage());
        refusal.members().forEach((name, value) -> problem.set(name, json.valueToTree(value)));
        exchange.getMessage().setBody(json.writeValueAsString(problem));
        if (refusal.retryAfterSeconds() != null) {
            exchange.getMessage().setHeader("Retry-After", String.valueOf(refusal.retryAfterSeconds()));
        }
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 402 -> "Payment required";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable request";
            case 503 -> "Service unavailable";
            default -> "Request refused";
        };
    }

    private Processor problem(int status, String code, String title) {
        return exchange -> write(exchange, status, code, title, caught(exchange).getMessage());
    }

    private Processor unavailable() {
        return exchange -> {
            String service = exchange.getProperty(ServiceCallRoutes.SERVICE, String.class);
            String detail = (service == null ? "A service this request needs" : service)
                    + " is unavailable, retry later";
            write(exchange, 503, ProblemCodes.SERVICE_UNAVAILABLE, "Service unavailable", detail);
            exchange.getMessage().setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        };
    }

    private ObjectNode write(Exchange exchange, int status, String code, String title, String detail) throws IOException {
        ObjectNode problem = json.createObjectNode();
        problem.put("type", ProblemCodes.typeOf(code));
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        String path = exchange.getProperty(REQUEST_PATH, String.class);
        if (path != null) {
            problem.put("instance", path);
        }
        problem.put("code", code);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, PROBLEM_JSON);
        exchange.getMessage().setBody(json.writeValueAsString(problem));
        return problem;
    }

    /** Which field of the body does not fit, without echoing what the client sent. */
    private static String mismatch(JsonMappingException mismatch) {
        String field = mismatch.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return field.isEmpty() ? "The request needs a JSON object of the documented shape."
                : "The request body has a value of the wrong kind at " + field + ".";
    }

    private static Throwable caught(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return caught != null ? caught : new IllegalStateException("unknown failure");
    }
}
