package dev.souk.hub.events;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import dev.souk.hub.api.HubRestConfiguration;
import dev.souk.hub.errors.ProblemResponses;

/** {@code POST /api/hub/dead-letters/{topic}/replay?max=}: re-injects the dead letters of a topic (administrator). */
@Component
public class DeadLetterRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/api/hub").tag("Hub operations").security(HubRestConfiguration.BEARER).produces("application/json")
                .post("/dead-letters/{topic}/replay").id("replayDeadLetters")
                    .description("Put the dead letters of a topic back on the topic, unchanged (administrator)")
                    .param().name("topic").type(RestParamType.path).endParam()
                    .param().name("max").type(RestParamType.query).required(false).dataType("integer")
                        .description("At most this many (default 1000)").endParam()
                    .responseMessage().code(200).message("How many were put back").endResponseMessage()
                    .responseMessage().code(404).message("NOT_FOUND: no such topic").endResponseMessage()
                    .to("direct:dead-letter-replay");

        from("direct:dead-letter-replay").routeId("dead-letter-replay").routeConfigurationId(ProblemResponses.ID)
                .description("Replay the dead letters of a topic onto the topic")
                .bean("deadLetterReplay", "replayRequested")
                .marshal().json(JsonLibrary.Jackson)
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }
}
