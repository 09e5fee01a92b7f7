package dev.souk.gateway.edge;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * What the upstream HTTP endpoint may copy between Camel headers and HTTP headers: everything except Camel's own
 * headers, hop-by-hop headers, and (towards the service) Host and Content-Length, which the client connection sets.
 */
@Component("edgeHeaderFilterStrategy")
public class EdgeHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    public EdgeHeaderFilterStrategy() {
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setLowerCase(true);
        getOutFilter().add("host");
        getOutFilter().add("content-length");
        getOutFilter().add("expect");
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return HopByHop.isHopByHop(headerName) || super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return HopByHop.isHopByHop(headerName) || super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }
}
