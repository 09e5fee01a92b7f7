package dev.souk.hub.api;

import org.apache.camel.Exchange;
import org.apache.camel.builder.Builder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.dataformat.JsonLibrary;

import dev.souk.hub.errors.ProblemResponses;

/** The tail of an administrator API route: the operation's result as the JSON answer, problems as problem+json. */
public final class JsonAnswers {

    private JsonAnswers() {
    }

    public static void answer(RouteDefinition route, int status) {
        route.routeConfigurationId(ProblemResponses.ID)
                .marshal().json(JsonLibrary.Jackson)
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, Builder.constant(status))
                .setHeader(Exchange.CONTENT_TYPE, Builder.constant("application/json"));
    }
}
