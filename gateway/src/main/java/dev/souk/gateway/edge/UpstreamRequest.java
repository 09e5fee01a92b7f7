package dev.souk.gateway.edge;

import dev.souk.gateway.problem.ServiceUnavailableException;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the client's request into the request for the chosen service instance: same method, raw path and raw
 * query, the client's headers minus hop-by-hop ones, the body as bytes, plus X-Forwarded-* and the trace context.
 * Everything the platform-http consumer derived from the request (query parameters as headers and the like) is
 * dropped so nothing leaks to the service that the client did not send.
 */
@Component
public class UpstreamRequest implements Processor {

    private final ServiceInstances instances;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    public UpstreamRequest(ServiceInstances instances, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.instances = instances;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        HttpServletRequest request = exchange.getProperty(EdgeExchange.REQUEST, HttpServletRequest.class);
        String serviceId = exchange.getProperty(EdgeExchange.SERVICE_ID, String.class);
        URI base = instances.choose(serviceId)
                .orElseThrow(() -> new ServiceUnavailableException(serviceId, "no instance is registered"));

        Message message = exchange.getIn();
        byte[] body = message.getBody(byte[].class);
        message.getHeaders().clear();
        message.setBody(body == null || body.length == 0 ? null : body);

        Set<String> connectionScoped = connectionTokens(request);
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            String lower = name.toLowerCase(Locale.ROOT);
            if (HopByHop.isHopByHop(name) || connectionScoped.contains(lower)
                    || lower.equals("host") || lower.equals("content-length") || lower.equals("expect")) {
                continue;
            }
            List<String> values = Collections.list(request.getHeaders(name));
            message.setHeader(name, values.size() == 1 ? values.get(0) : values);
        }
        addForwardedHeaders(request, message);
        addTraceContext(message);

        message.setHeader(Exchange.HTTP_METHOD, request.getMethod());
        message.setHeader(Exchange.HTTP_URI, base + request.getRequestURI());
        if (request.getQueryString() != null) {
            message.setHeader(Exchange.HTTP_QUERY, request.getQueryString());
        }
        // bytes pass as they are, whatever Content-Encoding says
        exchange.setProperty(Exchange.SKIP_GZIP_ENCODING, Boolean.TRUE);
    }

    private static Set<String> connectionTokens(HttpServletRequest request) {
        Set<String> tokens = new HashSet<>();
        for (Enumeration<String> values = request.getHeaders("Connection"); values.hasMoreElements(); ) {
            for (String token : values.nextElement().split(",")) {
                tokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }

    private static void addForwardedHeaders(HttpServletRequest request, Message message) {
        String forwardedFor = request.getHeader("X-Forwarded-For");
        message.setHeader("X-Forwarded-For",
                forwardedFor == null ? request.getRemoteAddr() : forwardedFor + ", " + request.getRemoteAddr());
        if (request.getHeader("X-Forwarded-Proto") == null) {
            message.setHeader("X-Forwarded-Proto", request.getScheme());
        }
        String host = request.getHeader("Host");
        if (request.getHeader("X-Forwarded-Host") == null && host != null) {
            message.setHeader("X-Forwarded-Host", host);
        }
        if (request.getHeader("X-Forwarded-Port") == null) {
            message.setHeader("X-Forwarded-Port", Integer.toString(request.getServerPort()));
        }
    }

    private void addTraceContext(Message message) {
        Tracer currentTracer = tracer.getIfAvailable();
        Propagator currentPropagator = propagator.getIfAvailable();
        if (currentTracer == null || currentPropagator == null) {
            return;
        }
        TraceContext context = currentTracer.currentTraceContext().context();
        if (context != null) {
            List<String> fields = new ArrayList<>(currentPropagator.fields());
            fields.forEach(message::removeHeader);
            currentPropagator.inject(context, message, Message::setHeader);
        }
    }
}
