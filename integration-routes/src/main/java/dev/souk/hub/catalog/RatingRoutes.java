package dev.souk.hub.catalog;

import static dev.souk.hub.downstream.ServiceCallRoutes.REVIEW_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.downstream.ServiceCallRoutes;

/**
 * Adds the product's rating (review-service's summary) to the catalog product in the body, for the product in
 * variable {@code productId}. The rating is an extra: when review-service cannot be asked the product still answers,
 * marked {@code ratingStale}.
 */
@Component
public class RatingRoutes extends RouteBuilder {

    public static final String ADD_RATING = "direct:catalog-add-rating";

    @Override
    public void configure() {
        from(ADD_RATING).routeId("catalog-add-rating")
                .description("The product's rating from review-service, added to the catalog product")
                .setVariable("catalogProduct", body())
                .doTry()
                    .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                    .setHeader(ServiceCallRoutes.PATH, simple("/api/reviews/products/${variable.productId}/summary"))
                    .removeHeader(ServiceCallRoutes.QUERY)
                    .setBody(constant(null))
                    .to(callOf(REVIEW_SERVICE))
                    .setBody(method(DownstreamAnswers.class, "json"))
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "Rating of product ${variable.productId} unknown: ${exception.message}")
                    .setBody(constant(null))
                .end()
                .bean(RatingEnricher.class, "enrich(${variable.catalogProduct}, ${body})");
    }
}
