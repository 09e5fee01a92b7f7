package dev.souk.hub.order;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import dev.souk.hub.errors.ProblemResponses;

/**
 * The public order API (the gateway sends {@code /api/orders/**} here). Commands go to the order process
 * ({@link OrderCommands}); reads are answered by order-service.
 */
@Component
public class OrderApiRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/api/orders?httpMethodRestrict=GET,POST").routeId("order-api-place-or-list")
                .routeConfigurationId(ProblemResponses.ID)
                .description("POST /api/orders starts an order process; GET /api/orders lists orders")
                .choice()
                    .when(header(Exchange.HTTP_METHOD).isEqualTo("POST")).bean("orderCommands", "place")
                    .otherwise().bean("orderCommands", "list")
                .end();
        from("platform-http:/api/orders/{id}?httpMethodRestrict=GET").routeId("order-api-get")
                .routeConfigurationId(ProblemResponses.ID)
                .description("GET /api/orders/{id}")
                .bean("orderCommands", "get");
        from("platform-http:/api/orders/{id}/confirm?httpMethodRestrict=PUT").routeId("order-api-confirm")
                .routeConfigurationId(ProblemResponses.ID)
                .description("PUT /api/orders/{id}/confirm?paymentMethodId=: pay and confirm")
                .bean("orderCommands", "confirm");
        from("platform-http:/api/orders/{id}/cancel?httpMethodRestrict=PUT").routeId("order-api-cancel")
                .routeConfigurationId(ProblemResponses.ID)
                .description("PUT /api/orders/{id}/cancel: cancel and compensate")
                .bean("orderCommands", "cancel");
    }
}
