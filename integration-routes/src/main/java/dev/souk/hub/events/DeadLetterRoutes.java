package dev.souk.hub.events;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

import dev.souk.hub.errors.ProblemResponses;

/** {@code POST /api/hub/dead-letters/{topic}/replay?max=}: re-injects the dead letters of a topic. */
@Component
public class DeadLetterRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/api/hub/dead-letters/{topic}/replay?httpMethodRestrict=POST").routeId("dead-letter-replay")
                .routeConfigurationId(ProblemResponses.ID)
                .description("Replay the dead letters of a topic onto the topic")
                .bean("deadLetterReplay", "replayRequested")
                .marshal().json(JsonLibrary.Jackson)
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }
}
