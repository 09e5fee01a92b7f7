package dev.souk.gateway.edge;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.hc.core5.http.Header;
import org.springframework.stereotype.Component;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the service's answer to the client as it came: status, end-to-end headers (every value of a repeated
 * header) and the body streamed without buffering. The message is emptied afterwards so the platform-http
 * binding has nothing left to add.
 */
@Component
public class ClientResponse implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        HttpServletRequest request = exchange.getProperty(EdgeExchange.REQUEST, HttpServletRequest.class);
        HttpServletResponse response = exchange.getProperty(EdgeExchange.RESPONSE, HttpServletResponse.class);
        Message message = exchange.getMessage();

        response.setStatus(message.getHeader(Exchange.HTTP_RESPONSE_CODE, 502, Integer.class));
        Header[] headers = UpstreamResponseHeaders.of(exchange);
        Set<String> connectionScoped = new HashSet<>();
        for (Header header : headers) {
            if (header.getName().equalsIgnoreCase("Connection")) {
                for (String token : header.getValue().split(",")) {
                    connectionScoped.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        Set<String> copied = new HashSet<>();
        for (Header header : headers) {
            String name = header.getName();
            String lower = name.toLowerCase(Locale.ROOT);
            if (HopByHop.isHopByHop(name) || connectionScoped.contains(lower)) {
                continue;
            }
            if (lower.equals("content-length")) {
                response.setContentLengthLong(Long.parseLong(header.getValue().trim()));
            } else if (copied.add(lower)) {
                // the service's value replaces one the gateway set itself (its security headers): never both
                response.setHeader(name, header.getValue());
            } else {
                response.addHeader(name, header.getValue());
            }
        }

        Object body = message.getBody();
        if (body != null && !"HEAD".equals(request.getMethod())) {
            InputStream in = body instanceof InputStream stream ? stream : message.getBody(InputStream.class);
            OutputStream out = response.getOutputStream();
            try (in) {
                if (isEventStream(response.getContentType())) {
                    relayEvents(in, out);
                } else {
                    in.transferTo(out);
                }
            }
        }
        response.flushBuffer();

        message.getHeaders().clear();
        message.setBody(null);
        exchange.getIn().getHeaders().clear();
    }

    static boolean isEventStream(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /** Server-Sent Events reach the client as each chunk arrives, never held back to fill a buffer. */
    private static void relayEvents(InputStream in, OutputStream out) throws java.io.IOException {
        byte[] buffer = new byte[8192];
        for (int read; (read = in.read(buffer)) != -1; ) {
            out.write(buffer, 0, read);
            out.flush();
        }
    }
}
