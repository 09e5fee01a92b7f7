package dev.souk.hub.events;

import static dev.souk.hub.downstream.ServiceCallRoutes.SEARCH_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.souk.contracts.Topics;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.downstream.ServiceCallRoutes;
import dev.souk.hub.feeds.FeedFactRoutes;
import dev.souk.hub.feeds.FeedMessages;

/**
 * The search index follows the catalog, the stock and the ratings: one consumer route per topic (routeId
 * {@code search-feed-<topic>}, each its own consumer group), each change handed to search-service's feed as the state of
 * the product now. Idempotent per event id here and at the service; dead letters and replay as for every consumer.
 */
@Component
public class SearchFeedRoutes extends EventConsumerRoutes {

    public SearchFeedRoutes(JdbcTemplate jdbc) {
        super(jdbc);
    }

    public static String consumerOf(String topic) {
        return "search-feed-" + topic;
    }

    @Override
    public void configure() {
        consume(Topics.PRODUCT_EVENTS, consumerOf(Topics.PRODUCT_EVENTS), "product-events → the product in the search index",
                5, 1000, body().isNotNull(), "direct:search-catalog-change");
        consume(Topics.INVENTORY_EVENTS, consumerOf(Topics.INVENTORY_EVENTS), "inventory-events → in stock or not, in the search index",
                5, 1000, body().isNotNull(), "direct:search-stock-change");
        consume(Topics.REVIEW_EVENTS, consumerOf(Topics.REVIEW_EVENTS), "review-events → the product's rating in the search index",
                5, 1000, method(SearchFeedRoutes.class, "ratingChanged"), "direct:search-rating-change");

        from("direct:search-catalog-change").routeId("search-catalog-change")
                .description("A product as product-service has it now, to search-service")
                .errorHandler(noErrorHandler())
                .to(FeedFactRoutes.CATALOG_STATE)
                .to("direct:search-feed-post");

        from("direct:search-stock-change").routeId("search-stock-change")
                .description("Whether each product of an inventory event can be bought now, to search-service")
                .errorHandler(noErrorHandler())
                .setVariable("envelope", body())
                .split(method(FeedMessages.class, "productsOf")).stopOnException()
                    .setVariable("productId", body())
                    .to(FeedFactRoutes.STOCK_STATE)
                    .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                    .setHeader(ServiceCallRoutes.PATH, constant("/api/search/internal/stock"))
                    .to(callOf(SEARCH_SERVICE))
                    .bean(DownstreamAnswers.class, "requireSuccess")
                .end();

        from("direct:search-rating-change").routeId("search-rating-change")
                .description("A product's rating, to search-service")
                .errorHandler(noErrorHandler())
                .setBody(method(FeedMessages.class, "ratingChange"))
                .marshal().json(JsonLibrary.Jackson)
                .convertBodyTo(String.class)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/search/internal/ratings"))
                .to(callOf(SEARCH_SERVICE))
                .bean(DownstreamAnswers.class, "requireSuccess");

        from("direct:search-feed-post").routeId("search-feed-post")
                .description("POST a catalog change to search-service")
                .errorHandler(noErrorHandler())
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/search/internal/catalog"))
                .to(callOf(SEARCH_SERVICE))
                .bean(DownstreamAnswers.class, "requireSuccess");
    }

    /** Only a product's new rating moves the index; single reviews are passed over. */
    public static boolean ratingChanged(com.fasterxml.jackson.databind.JsonNode envelope) {
        return FeedMessages.isType(envelope, "ProductRatingChanged");
    }
}
