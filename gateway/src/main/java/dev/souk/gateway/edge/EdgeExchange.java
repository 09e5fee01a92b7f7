package dev.souk.gateway.edge;

/** Names of the exchange properties the edge routes share. */
final class EdgeExchange {

    static final String REQUEST = "soukEdgeRequest";
    static final String RESPONSE = "soukEdgeResponse";
    static final String SERVICE_ID = "soukEdgeServiceId";

    private EdgeExchange() {
    }
}
