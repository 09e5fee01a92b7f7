package dev.souk.gateway.edge;

import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpActivityListener;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.springframework.stereotype.Component;

/**
 * Keeps the service's response headers exactly as they arrived (order, case, repeated headers, values that look
 * like lists) on the exchange, so the client gets them verbatim rather than through Camel's header mapping.
 */
@Component("upstreamResponseHeaders")
public class UpstreamResponseHeaders implements HttpActivityListener {

    static final String PROPERTY = "soukEdgeUpstreamHeaders";

    @Override
    public void onRequestSubmitted(Object source, Exchange exchange, HttpHost host, HttpRequest request, HttpEntity entity) {
        // nothing to keep from the request
    }

    @Override
    public void onResponseReceived(Object source, Exchange exchange, HttpHost host, HttpResponse response,
                                   HttpEntity entity, long elapsed) {
        if (exchange != null) {
            exchange.setProperty(PROPERTY, response.getHeaders());
        }
    }

    static Header[] of(Exchange exchange) {
        Header[] headers = exchange.getProperty(PROPERTY, Header[].class);
        return headers == null ? new Header[0] : headers;
    }
}
