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
        for (Header header : headers) {
            String name = header.getName();
            if (HopByHop.isHopByHop(name) || connectionScoped.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (name.equalsIgnoreCase("Content-Length")) {
                response.setContentLengthLong(Long.parseLong(header.getValue().trim()));
            } else {
                response.addHeader(name, header.getValue());
            }
        }

        Object body = message.getBody();
        if (body != null && !"HEAD".equals(request.getMethod())) {
            InputStream in = body instanceof InputStream stream ? stream : message.getBody(InputStream.class);
            OutputStream out = response.getOutputStream();
            try (in) {
                in.transferTo(out);
            }
        }
        response.flushBuffer();

        message.getHeaders().clear();
        message.setBody(null);
        exchange.getIn().getHeaders().clear();
    }
}
